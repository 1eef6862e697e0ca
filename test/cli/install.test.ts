import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithTool, PROJECT_ROOT, tempDir, type TempDir, type ToolCheck } from '../support/tools.js';
import { orchgen } from './run.js';

const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const example = join(PROJECT_ROOT, 'examples', 'quickstart', 'orchgen.yaml');

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDir('orchgen-install-');
  copyFileSync(example, join(tmp.path, 'orchgen.yaml'));
  // refuses a bundle older than its templates or schema, before anything is packed or linked
  await orchgen(['--version']);
});
afterAll(() => tmp.cleanup());

/** npm, with the scripts off: dist/ is built already, and a rebuild would change it under other tests. */
const npm = (args: readonly string[], timeout = 240_000) =>
  execa('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: PROJECT_ROOT, reject: false, all: true, timeout });

/** The installed command, run from outside the checkout on a copy of an example. */
async function installedWorks(prefix: string): Promise<void> {
  const bin = join(prefix, 'bin', 'orchgen');
  const shown = await execa(bin, ['--version'], { cwd: tmp.path, reject: false });
  expect(shown.stdout).toBe(version);
  expect(shown.exitCode).toBe(0);
  const validated = await execa(bin, ['validate'], { cwd: tmp.path, reject: false, all: true });
  expect(validated.all).toBe('orchgen.yaml: ok, 3 services in 3 waves (0 errors, 0 warnings)');
  expect(validated.exitCode).toBe(0);
}

test('orchgen --version prints the version of package.json', async () => {
  const result = await orchgen(['--version']);
  expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
});

test('a linked checkout (npm link, npm i -g .) puts orchgen on PATH', async () => {
  const prefix = join(tmp.path, 'linked');
  const linked = await npm(['install', '--global', '--prefix', prefix, '--offline', PROJECT_ROOT]);
  expect(linked.exitCode, linked.all).toBe(0);
  await installedWorks(prefix);
});

/** Installing the packed tarball resolves its dependencies, which needs the npm registry (or a warm cache). */
async function registryAnswers(): Promise<ToolCheck> {
  const ping = await execa('npm', ['ping'], { reject: false, all: true, timeout: 30_000 });
  return ping.exitCode === 0 ? { ok: true, reason: 'npm registry answers' } : { ok: false, reason: `npm registry unreachable (npm ping: ${ping.all?.split('\n').pop()})` };
}

await describeWithTool('the packed package, installed globally', registryAnswers, () => {
  test('npm pack, then npm i -g of the tarball into a fresh prefix', { timeout: 300_000 }, async () => {
    const packed = await npm(['pack', '--pack-destination', tmp.path, '--json']);
    expect(packed.exitCode, packed.all).toBe(0);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const prefix = join(tmp.path, 'packed');
    const installed = await npm(['install', '--global', '--prefix', prefix, '--prefer-offline', join(tmp.path, filename)]);
    expect(installed.exitCode, installed.all).toBe(0);
    await installedWorks(prefix);
  });
});
