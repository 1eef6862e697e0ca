import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { renderSpecTypes } from '../../scripts/spec-types.mjs';

test('the TypeScript types of the spec are generated from the current schema', async () => {
  const committed = readFileSync('src/spec/spec.generated.ts', 'utf8');
  expect(committed).toBe(await renderSpecTypes());
});
