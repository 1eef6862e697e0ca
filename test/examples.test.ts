import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { orchgen } from './cli/run.js';

// out/ holds every example's artifacts, committed: they are the golden files of every target.
test.each(readdirSync('examples'))('out/%s is what `orchgen build` writes for its example', async (example) => {
  const result = await orchgen(['build', '-f', `examples/${example}/orchgen.yaml`, '-o', `out/${example}`, '--check']);
  expect(result.stderr).not.toContain('out of date');
  expect(result.stdout).toMatch(new RegExp(`^out/${example}: up to date \\(\\d+ files\\)\n$`));
  expect(result.code).toBe(0);
});
