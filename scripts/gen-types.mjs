// Regenerates src/spec/spec.generated.ts from schema/orchgen.schema.json.
import { writeFileSync } from 'node:fs';
import { renderSpecTypes } from './spec-types.mjs';

writeFileSync(new URL('../src/spec/spec.generated.ts', import.meta.url), await renderSpecTypes());
