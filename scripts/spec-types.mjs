import { readFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

const schemaUrl = new URL('../schema/orchgen.schema.json', import.meta.url);

/** The TypeScript types of the spec, generated from the JSON Schema. */
export async function renderSpecTypes() {
  const schema = JSON.parse(readFileSync(schemaUrl, 'utf8'));
  return compile(schema, 'OrchgenSpec', {
    bannerComment: '// Generated from schema/orchgen.schema.json by `npm run gen:types`. Do not edit.',
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: true },
  });
}
