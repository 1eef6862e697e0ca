// The spec's validator as code: ajv compiles schema/orchgen.schema.json (with the options and
// keywords of src/spec/schema-ajv.ts) into a module that replaces src/spec/schema-validator.ts in
// the bundled CLI. Needs dist/ (tsc) for those options.
import { readFileSync } from 'node:fs';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = new URL('../', import.meta.url);

/** Source of a module exporting loadSchemaValidator(), like src/spec/schema-validator.ts. */
export async function schemaValidatorModule() {
  const { specAjv } = await import(new URL('dist/spec/schema-ajv.js', root).href);
  const ajv = specAjv({ code: { source: true, esm: true } });
  const validate = ajv.compile(JSON.parse(readFileSync(new URL('schema/orchgen.schema.json', root), 'utf8')));
  // ajv's runtime helpers are named as require() calls; the bundler resolves them like imports.
  const code = standaloneCode.default(ajv, validate).replace(/^"use strict";/, '');
  return `// Generated from schema/orchgen.schema.json by scripts/precompile-schema.mjs.\n${code}\nexport function loadSchemaValidator() { return validate; }\n`;
}
