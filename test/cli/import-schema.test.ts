import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { tempDir, type TempDir } from '../support/tools.js';
import { orchgen } from './run.js';

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDir('orchgen-import-schema-');
  writeFileSync(join(tmp.path, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
});
afterAll(() => tmp.cleanup());

const modeline = /^# yaml-language-server: \$schema=(\S+)\n/;

test('no schema near the output: no reference that does not resolve, but how to make one', async () => {
  const result = await orchgen(['import', 'compose', 'compose.yaml', '-o', 'orchgen.yaml'], { cwd: tmp.path });
  expect(result.code).toBe(0);
  const written = readFileSync(join(tmp.path, 'orchgen.yaml'), 'utf8');
  expect(written).not.toMatch(modeline);
  expect(written.split('\n')[0]).toBe(
    '# no orchgen.schema.json here or above: for editors, `orchgen schema > orchgen.schema.json`, then make this line: # yaml-language-server: $schema=orchgen.schema.json',
  );
  // doing what it says gives a reference that resolves, to the schema orchgen validates with
  const schema = await orchgen(['schema'], { cwd: tmp.path });
  writeFileSync(join(tmp.path, 'orchgen.schema.json'), schema.stdout);
  const again = await orchgen(['import', 'compose', 'compose.yaml', '-o', 'orchgen.yaml', '--force'], { cwd: tmp.path });
  expect(again.code).toBe(0);
  const ref = modeline.exec(readFileSync(join(tmp.path, 'orchgen.yaml'), 'utf8'))?.[1];
  expect(ref).toBe('orchgen.schema.json');
  expect(JSON.parse(readFileSync(join(tmp.path, ref!), 'utf8'))).toEqual(JSON.parse(readFileSync('schema/orchgen.schema.json', 'utf8')));
});

test('a schema in a folder above: the reference is relative to the written file and resolves', async () => {
  mkdirSync(join(tmp.path, 'project', 'schema'), { recursive: true });
  writeFileSync(join(tmp.path, 'project', 'schema', 'orchgen.schema.json'), '{}');
  const out = join(tmp.path, 'project', 'deploy', 'prod', 'orchgen.yaml');
  mkdirSync(dirname(out), { recursive: true });
  const result = await orchgen(['import', 'compose', join(tmp.path, 'compose.yaml'), '-o', out]);
  expect(result.code).toBe(0);
  const ref = modeline.exec(readFileSync(out, 'utf8'))?.[1];
  expect(ref).toBe('../../schema/orchgen.schema.json');
  expect(existsSync(resolve(dirname(out), ref!))).toBe(true);
});

test('an existing file is kept without --force', async () => {
  const result = await orchgen(['import', 'compose', 'compose.yaml', '-o', 'orchgen.yaml'], { cwd: tmp.path });
  expect(result.stderr).toBe('orchgen.yaml: error: the file exists; pass --force to overwrite it\n');
  expect(result.code).toBe(1);
});
