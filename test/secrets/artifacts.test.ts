import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { targetNames } from '../../src/targets/all.js';
import { orchgen } from '../cli/run.js';
import { distinctiveSecrets, filesUnder, leakNeedles, leaksIn, writeSecretStack } from './support.js';

const root = mkdtempSync(join(tmpdir(), 'orchgen-secrets-artifacts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('no artifact of any target holds a secret value, nor a line of one, though the build runs with them all set', async () => {
  const stack = writeSecretStack(root, 'leak', { python: '/usr/bin/python3', image: 'busybox:1.36' });
  const build = await orchgen(['build', '-f', stack.spec], { env: stack.env });
  expect(build.code, build.stderr).toBe(0);
  const files = filesUnder(join(root, 'out'));
  const written = new Set(files.map((file) => relative(join(root, 'out'), file).split('/')[0]));
  expect([...written].sort()).toEqual(['.orchgen-manifest.json', ...targetNames].sort());
  // Each value whole, and each line of the multi-line ones on its own.
  expect(leakNeedles().length).toBeGreaterThan(distinctiveSecrets.length);
  const leaks = [...leaksIn('stdout', build.stdout), ...leaksIn('stderr', build.stderr), ...files.flatMap((file) => leaksIn(file, readFileSync(file, 'utf8')))];
  expect(leaks).toEqual([]);
});

test('the check finds a value where one is written', () => {
  const [needle] = leakNeedles();
  expect(leaksIn('a file', `KEY="${needle}"\n`)).toEqual([['a file', needle]]);
});
