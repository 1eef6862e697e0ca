import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { tempDir, type TempDir } from '../support/tools.js';
import { orchgen } from './run.js';

let tmp: TempDir;
const run = (args: readonly string[]) => orchgen(args, { cwd: tmp.path });
beforeAll(async () => {
  tmp = await tempDir('orchgen-names-');
  const lines = [
    'version: 1',
    'project: names',
    'services:',
    '  store: {command: [/bin/sleep, "60"]}',
    '  api: {command: [/bin/sleep, "60"], depends_on: [store]}',
    '  web: {image: nginx:1.27, targets: [compose]}',
  ];
  writeFileSync(join(tmp.path, 'orchgen.yaml'), `${lines.join('\n')}\n`);
});
afterAll(() => tmp.cleanup());

test('logs of a misspelt service: an error with the nearest name, before anything else is looked at', async () => {
  const result = await run(['logs', 'stor', '-t', 'supervisor']);
  expect(result.stderr).toBe('error: no service `stor` in orchgen.yaml\n  hint: did you mean `store`?\n');
  expect(result.stdout).toBe('');
  expect(result.code).toBe(1);
  // nothing was built or started for it
  expect(existsSync(join(tmp.path, 'out'))).toBe(false);
  expect(existsSync(join(tmp.path, '.orchgen'))).toBe(false);
});

test('a name nothing is near: the services of the target are listed', async () => {
  const result = await run(['logs', 'frontend', '-t', 'pm2']);
  expect(result.stderr).toBe('error: no service `frontend` in orchgen.yaml\n  hint: the services on pm2: store, api\n');
  expect(result.code).toBe(1);
});

test('a service of the spec that does not run on the target says so', async () => {
  const result = await run(['logs', 'web', '-t', 'supervisor']);
  expect(result.stderr).toBe('error: service `web` does not run on supervisor (see its `targets`)\n');
  expect(result.code).toBe(1);
});

test('a known service of a target never built: where its files were looked for', async () => {
  const result = await run(['logs', 'store', '-t', 'supervisor']);
  expect(result.stderr).toBe('out/supervisor does not exist: nothing was built for supervisor there (run `orchgen up -t supervisor`, or give -o)\n');
  expect(result.code).toBe(1);
  expect(existsSync(join(tmp.path, 'out'))).toBe(false);
});
