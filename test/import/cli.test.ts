import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCommand } from '../../src/cli/commands/import.js';
import { tempDir, type TempDir } from '../support/tools.js';
import { lines } from './support.js';

let tmp: TempDir;
/** The folder orchgen runs in; its name is the default project name. */
let cwd: string;
beforeEach(async () => {
  tmp = await tempDir('orchgen-import-cli-');
  cwd = join(tmp.path, 'stack');
  await mkdir(cwd);
});
afterEach(() => tmp.cleanup());

/** Runs `orchgen import ...` in the temporary folder, as the CLI registers it. */
async function orchgen(...args: string[]) {
  let out = '';
  let err = '';
  let code = -1;
  const program = new Command('orchgen').exitOverride().configureOutput({ writeOut: (t) => (out += t), writeErr: (t) => (err += t) });
  importCommand(program, { out: (t) => (out += t), err: (t) => (err += t), color: false, cwd }, (c) => (code = c));
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch {
    code = 1;
  }
  return { code, out, err };
}

const compose = lines('services:', '  web:', '    image: nginx:1.27', '    entrypoint: [/init]', '    labels: {team: web}', '    restart: always');

describe('orchgen import compose', () => {
  it('prints the orchgen.yaml, and the warnings and a summary on stderr', async () => {
    await writeFile(join(cwd, 'compose.yaml'), compose);
    const result = await orchgen('import', 'compose', 'compose.yaml');
    expect(result.code).toBe(0);
    // no schema in the folder or above: no reference that would not resolve, but how to make one
    expect(result.out.split('\n')[0]).toBe(
      '# no orchgen.schema.json here or above: for editors, `orchgen schema > orchgen.schema.json`, then make this line: # yaml-language-server: $schema=orchgen.schema.json',
    );
    expect(result.out).toContain('        labels: {team: web}\n');
    expect(result.err).toBe(
      lines(
        'compose.yaml:5:5: warning[W201]: `labels` of `web`: orchgen has no such setting; kept under native.compose (only the Compose build has it)',
        '<stdout>: 1 services imported from compose.yaml (1 import warnings; the spec: 0 errors, 0 warnings)',
      ),
    );
  });

  it('writes -o whole, with $schema relative to it; refuses to overwrite without --force', async () => {
    await mkdir(join(cwd, 'deploy', 'schema'), { recursive: true });
    await writeFile(join(cwd, 'deploy', 'schema', 'orchgen.schema.json'), '{}');
    await writeFile(join(cwd, 'compose.yaml'), compose);
    const first = await orchgen('import', 'compose', 'compose.yaml', '-o', 'deploy/stack/orchgen.yaml', '-p', 'shop');
    expect(first).toMatchObject({ code: 0, out: 'deploy/stack/orchgen.yaml: 1 services imported from compose.yaml (1 import warnings; the spec: 0 errors, 0 warnings)\n' });
    const written = await readFile(join(cwd, 'deploy/stack/orchgen.yaml'), 'utf8');
    expect(written.split('\n').slice(0, 6)).toEqual([
      '# yaml-language-server: $schema=../schema/orchgen.schema.json',
      '# Imported from compose.yaml by `orchgen import compose`; the comments mark what needs a look.',
      '',
      'version: 1',
      'project: shop',
      'services:',
    ]);
    const again = await orchgen('import', 'compose', 'compose.yaml', '-o', 'deploy/stack/orchgen.yaml');
    expect(again).toEqual({ code: 1, out: '', err: 'deploy/stack/orchgen.yaml: error: the file exists; pass --force to overwrite it\n' });
    expect((await orchgen('import', 'compose', 'compose.yaml', '-o', 'deploy/stack/orchgen.yaml', '--force', '-p', 'other')).code).toBe(0);
    expect(await readFile(join(cwd, 'deploy/stack/orchgen.yaml'), 'utf8')).toBe(written.replace('project: shop', 'project: other'));
  });

  it('writes nothing when the input cannot be read or is not a Compose file', async () => {
    expect(await orchgen('import', 'compose', 'missing.yaml', '-o', 'out.yaml')).toEqual({
      code: 1,
      out: '',
      err: `missing.yaml: error: cannot read it: no such file: ${join(cwd, 'missing.yaml')}\nnothing written\n`,
    });
    await writeFile(join(cwd, 'bad.yaml'), 'services: [\n');
    const bad = await orchgen('import', 'compose', 'bad.yaml', '-o', 'out.yaml');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^bad\.yaml:2:1: .*\nnothing written\n$/);
    await expect(readFile(join(cwd, 'out.yaml'))).rejects.toThrow();
  });

  it('prints what orchgen\'s validator says about the result and exits 1 on an error, the file written for fixing', async () => {
    await writeFile(join(cwd, '.env'), lines('# the published port', 'WEB_PORT=8080'));
    await writeFile(
      join(cwd, 'compose.yaml'),
      lines('services:', '  web:', '    image: web:1', '    ports: ["${WEB_PORT}:80"]', '    depends_on: { db: { condition: service_healthy } }', '  db:', '    image: postgres:16'),
    );
    const result = await orchgen('import', 'compose', 'compose.yaml', '-o', 'orchgen.yaml');
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      lines(
        'compose.yaml:4:13: warning[W203]: variables filled in as Compose would now (from .env: $WEB_PORT): the orchgen.yaml holds their values, not the variables',
        'orchgen.yaml:14:18: error[E203]: `web` waits for `db` to be healthy, but `db` has no health check',
        '  hint: add `health:` to `db`, or use `started`',
      ),
    );
    expect(result.out).toBe('orchgen.yaml: 2 services imported from compose.yaml (1 import warnings; the spec: 1 error, 0 warnings)\n');
    expect(await readFile(join(cwd, 'orchgen.yaml'), 'utf8')).toContain('    ports: [8080:80]\n');
  });
});

describe('orchgen import compose: the files beside the Compose file', () => {
  it('reads the .env and the files `extends` names from the Compose file\'s folder, and refuses a base that is not there', async () => {
    await mkdir(join(cwd, 'gpu'), { recursive: true });
    await writeFile(join(cwd, 'gpu/.env'), lines('ML_TAG=v2-cuda'));
    await writeFile(join(cwd, 'gpu/hwaccel.yml'), lines('services:', '  cuda:', '    deploy: { resources: { reservations: { devices: [{ driver: nvidia, count: 1, capabilities: [gpu] }] } } }'));
    await writeFile(join(cwd, 'gpu/compose.yaml'), lines('services:', '  ml:', '    image: ml:${ML_TAG}', '    extends: { file: hwaccel.yml, service: cuda }', '    restart: always'));
    const result = await orchgen('import', 'compose', 'gpu/compose.yaml', '-o', 'gpu/orchgen.yaml');
    expect(result).toEqual({
      code: 0,
      out: 'gpu/orchgen.yaml: 1 services imported from gpu/compose.yaml (1 import warnings; the spec: 0 errors, 0 warnings)\n',
      err: 'gpu/compose.yaml:3:5: warning[W203]: variables filled in as Compose would now (from .env: $ML_TAG): the orchgen.yaml holds their values, not the variables\n',
    });
    expect((await readFile(join(cwd, 'gpu/orchgen.yaml'), 'utf8')).split('\n').slice(5)).toEqual([
      'version: 1',
      'project: gpu',
      'services:',
      '  # the settings of `cuda` in `hwaccel.yml` merged in, as its `extends` asks',
      '  ml:',
      '    image: ml:v2-cuda',
      '    restart: always',
      '    gpu: {count: 1}',
      '',
    ]);
    await writeFile(join(cwd, 'gpu/compose.yaml'), lines('services:', '  ml:', '    image: ml:1', '    extends: { file: gone.yml, service: cuda }'));
    expect(await orchgen('import', 'compose', 'gpu/compose.yaml', '-o', 'gpu/again.yaml')).toEqual({
      code: 1,
      out: '',
      err: 'gpu/compose.yaml:4:14: error[E401]: extends `cuda` in `gone.yml`: the file cannot be read or has no services; Compose refuses the file, so does the import\nnothing written\n',
    });
    expect(existsSync(join(cwd, 'gpu/again.yaml'))).toBe(false);
  });

  it('reads --env-file instead of the .env beside the file; an unset variable in an image is refused with a hint naming it', async () => {
    await mkdir(join(cwd, 'n8n'), { recursive: true });
    await writeFile(join(cwd, 'n8n/compose.yaml'), lines('services:', '  n8n:', '    image: n8nio/n8n:${N8N_VERSION}', '    restart: always'));
    const refused = await orchgen('import', 'compose', 'n8n/compose.yaml', '-o', 'n8n/orchgen.yaml');
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: lines(
        'n8n/compose.yaml:3:12: error[E402]: `n8nio/n8n:${N8N_VERSION}` needs $N8N_VERSION, set neither in .env nor in the environment: Compose would leave a blank there, which names another image or none (Compose rejects `repo:` with no tag)',
        '  hint: set $N8N_VERSION in .env beside the Compose file (or a file given with --env-file) or in the environment of the import, or give it a default (${N8N_VERSION:-value}), and import again',
        'nothing written',
      ),
    });
    expect(existsSync(join(cwd, 'n8n/orchgen.yaml'))).toBe(false);
    await writeFile(join(cwd, 'n8n/prod.env'), lines('N8N_VERSION=1.64.0'));
    const result = await orchgen('import', 'compose', 'n8n/compose.yaml', '--env-file', 'n8n/prod.env', '-o', 'n8n/orchgen.yaml');
    expect(result.code).toBe(0);
    expect(await readFile(join(cwd, 'n8n/orchgen.yaml'), 'utf8')).toContain('    image: n8nio/n8n:1.64.0\n');
    expect((await orchgen('import', 'compose', 'n8n/compose.yaml', '--env-file', 'n8n/gone.env')).err).toBe(
      `n8n/gone.env: error: cannot read it: no such file: ${join(cwd, 'n8n/gone.env')}\nnothing written\n`,
    );
  });
});

describe('orchgen import procfile', () => {
  it('reads --env and writes the services', async () => {
    await writeFile(join(cwd, 'Procfile'), lines('web: python -m http.server $PORT', 'worker: python worker.py'));
    await writeFile(join(cwd, 'app.env'), lines('PORT=8000', 'MODE="fast"'));
    const result = await orchgen('import', 'procfile', 'Procfile', '--env', 'app.env', '-p', 'demo');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      lines(
        '# no orchgen.schema.json here or above: for editors, `orchgen schema > orchgen.schema.json`, then make this line: # yaml-language-server: $schema=orchgen.schema.json',
        '# Imported from Procfile by `orchgen import procfile`: each command runs with /bin/sh -c.',
        '',
        'version: 1',
        'project: demo',
        '# from app.env: every service gets these',
        'defaults:',
        '  env:',
        '    PORT: "8000"',
        '    MODE: fast',
        'services:',
        '  web:',
        '    command: python -m http.server $PORT',
        '  worker:',
        '    command: python worker.py',
      ),
    );
  });
});
