import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { schemaFile } from '../paths.js';
import { loadSchemaValidator } from './schema-validator.js';

let validator: ValidateFunction | undefined;

export function specSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
}

/** Validates parsed data against schema/orchgen.schema.json; returns every error. */
export function schemaErrors(data: unknown): ErrorObject[] {
  validator ??= loadSchemaValidator();
  return validator(data) ? [] : [...(validator.errors ?? [])];
}
