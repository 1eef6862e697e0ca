import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { targetNames } from '../../src/targets/all.js';
import { orchgen } from '../cli/run.js';
import { filesUnder } from '../secrets/support.js';

/**
 * `orchgen build` of one fixture stack, each target's files compared exactly with the golden copies
 * under `golden/<target>/` (only the files kept there: the ones that say something about the subject).
 */
export function describeGoldenStack(title: string, fixture: URL, golden: string): void {
  const root = mkdtempSync(join(tmpdir(), 'orchgen-golden-stack-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const goldenFiles = (target: string) => filesUnder(join(golden, target)).map((file) => relative(join(golden, target), file)).sort();

  describe(title, () => {
    beforeAll(async () => {
      copyFileSync(fixture, join(root, 'orchgen.yaml'));
      const build = await orchgen(['build', '-f', join(root, 'orchgen.yaml')]);
      expect(build.code, build.stderr).toBe(0);
    });

    test.each(targetNames)('%s', (target) => {
      const files = goldenFiles(target);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect([file, readFileSync(join(root, 'out', target, file), 'utf8')]).toEqual([file, readFileSync(join(golden, target, file), 'utf8')]);
    });
  });
}
