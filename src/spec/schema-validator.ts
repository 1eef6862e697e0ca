import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { schemaFile } from '../paths.js';
import { specAjv } from './schema-ajv.js';

/**
 * The validator of schema/orchgen.schema.json, compiled by ajv from the file. The bundled CLI
 * replaces this module with the same validator compiled to code at build (scripts/precompile-schema.mjs),
 * so it neither loads ajv's compiler nor compiles the schema at start.
 */
export function loadSchemaValidator(): ValidateFunction {
  return specAjv().compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
}
