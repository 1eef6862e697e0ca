import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { schemaFile } from '../paths.js';

let validator: ValidateFunction | undefined;

export function specSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
}

/** Validates parsed data against schema/orchgen.schema.json; returns every error. */
export function schemaErrors(data: unknown): ErrorObject[] {
  validator ??= schemaValidator();
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

function schemaValidator(): ValidateFunction {
  const ajv = new Ajv.default({ allErrors: true, verbose: true, strict: true, strictTypes: false });
  // `x-expected` annotates a pattern with what a person should write; it validates nothing.
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  return ajv.compile(specSchema());
}
