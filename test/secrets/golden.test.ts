import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { targetNames } from '../../src/model/types.js';
import { orchgen } from '../cli/run.js';
import { filesUnder } from './support.js';

const golden = new URL('./golden/', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'orchgen-secrets-golden-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The files of a target that say something about secrets, relative to test/secrets/golden/. */
const goldenFiles = (target: string) => filesUnder(join(golden, target)).map((file) => relative(join(golden, target), file)).sort();

describe('a small stack with secrets (test/secrets/fixtures/vault.yaml), per target, exactly', () => {
  beforeAll(async () => {
    copyFileSync(new URL('./fixtures/vault.yaml', import.meta.url), join(root, 'orchgen.yaml'));
    const build = await orchgen(['build', '-f', join(root, 'orchgen.yaml')]);
    expect(build.code, build.stderr).toBe(0);
  });

  test.each(targetNames)('%s', (target) => {
    const files = goldenFiles(target);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect([file, readFileSync(join(root, 'out', target, file), 'utf8')]).toEqual([file, readFileSync(join(golden, target, file), 'utf8')]);
  });
});
