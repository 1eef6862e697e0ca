/**
 * The built CLI on a stack with relative paths: without `project_dir`, validate and the systemd build
 * refuse them naming the setting; with it, every target builds and the units name the anchored paths.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { orchgen } from './run.js';

const scratch = mkdtempSync(join(tmpdir(), 'orchgen-project-dir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const spec = (extra: string) => `version: 1
project: shop
${extra}services:
  db:
    image: postgres:16
    env_file: ./db.env
    volumes: ["./data:/var/lib/postgresql/data"]
`;

function stack(name: string, extra: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'orchgen.yaml'), spec(extra));
  return dir;
}

const hint = (path: string) => `  hint: set \`project_dir\` to the folder the stack's files are in where it runs (\`project_dir: /srv/shop\` makes this /srv/shop/${path}), or write an absolute path`;
const refusals = [
  'orchgen.yaml:6:15: error[E301]: systemd cannot carry env_file "./db.env" of service "db" exactly: a relative path cannot be placed in a unit that is installed elsewhere',
  hint('db.env'),
  'orchgen.yaml:7:15: error[E301]: systemd cannot carry volume source "./data" of service "db" exactly: a relative path cannot be placed in a unit that is installed elsewhere',
  hint('data'),
];

describe('relative paths and project_dir', () => {
  test('without project_dir: validate and the systemd build refuse each relative path, naming the setting', async () => {
    const cwd = stack('without', '');
    const validated = await orchgen(['validate'], { cwd });
    expect(validated).toEqual({ code: 1, stdout: '', stderr: [...refusals, '2 errors, 0 warnings', ''].join('\n') });
    const built = await orchgen(['build', '-t', 'systemd'], { cwd });
    expect(built).toEqual({ code: 1, stdout: '', stderr: [...refusals, '2 errors, 0 warnings; nothing written', ''].join('\n') });
    // Compose finds them from its own file
    const compose = await orchgen(['build', '-t', 'compose'], { cwd });
    expect(compose.code).toBe(0);
    expect(readFileSync(join(cwd, 'out/compose/compose.yaml'), 'utf8')).toContain('      - "../../data:/var/lib/postgresql/data"\n');
  });

  test('with project_dir: validate passes and the unit names the anchored paths', async () => {
    const cwd = stack('with', 'project_dir: /srv/shop\n');
    expect(await orchgen(['validate'], { cwd })).toEqual({ code: 0, stdout: 'orchgen.yaml: ok, 1 services in 1 waves (0 errors, 0 warnings)\n', stderr: '' });
    const built = await orchgen(['build'], { cwd });
    expect(built.code).toBe(0);
    const unit = readFileSync(join(cwd, 'out/systemd/shop-db.service'), 'utf8');
    expect(unit.split('\n').filter((line) => line.startsWith('ExecStart='))).toEqual([
      'ExecStart=/usr/bin/docker run --rm --name shop-db --network shop_default --network-alias db --env-file /srv/shop/db.env -v /srv/shop/data:/var/lib/postgresql/data --stop-signal SIGTERM --stop-timeout 10 postgres:16',
    ]);
  });

  test('a relative project_dir, or one with a colon (which -v and Compose volumes split on), is a schema error', async () => {
    for (const [name, value] of [['relative', 'srv/shop'], ['colon', '/srv/a:b']]) {
      const cwd = stack(name!, `project_dir: ${value}\n`);
      expect(await orchgen(['validate'], { cwd })).toEqual({
        code: 1,
        stdout: '',
        stderr: `orchgen.yaml:3:14: error[E108]: \`project_dir\` must be an absolute path without \`:\`, not \`${value}\`\n1 error, 0 warnings\n`,
      });
    }
  });
});
