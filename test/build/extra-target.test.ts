import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { Io } from '../../src/cli/io.js';
import { targets } from '../../src/targets/all.js';
import { inventoryTarget } from '../fixtures/extra-target/index.js';

// A target is its folder and one line in the registry: here the folder is a fixture and the line is this list.
const registry = [...targets, inventoryTarget];
const spec = relative(process.cwd(), new URL('../fixtures/extra-target/orchgen.yaml', import.meta.url).pathname);
const scratch = mkdtempSync(join(tmpdir(), 'orchgen-extra-target-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: string[], withExtra = true): Promise<{ code: number; out: string; err: string }> {
  let [out, err] = ['', ''];
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, cwd: process.cwd() };
  const code = await runCli(args, io, withExtra ? registry : targets);
  return { code, out, err };
}

test('validate knows the extra target through the registry alone', async () => {
  expect(await run(['validate', '-f', spec])).toEqual({ code: 0, out: `${spec}: ok, 2 services in 2 waves (0 errors, 0 warnings)\n`, err: '' });
  const without = await run(['validate', '-f', spec], false);
  expect(without.code).toBe(1);
  expect(without.err.split('\n').filter((line) => line.includes('error['))).toEqual([
    `${spec}:6:24: error[E104]: \`services.db.targets[1]\` must be \`systemd\`, \`compose\`, \`pm2\`, \`supervisor\` or \`k8s\`, not \`inventory\``,
    `${spec}:10:15: error[E104]: \`services.worker.targets[0]\` must be \`systemd\`, \`compose\`, \`pm2\`, \`supervisor\` or \`k8s\`, not \`inventory\``,
  ]);
});

test('build writes its files under its own folder, and --check compares them', async () => {
  const out = join(scratch, 'out');
  const built = await run(['build', '-f', spec, '-o', out, '-t', 'inventory']);
  expect(built.code).toBe(0);
  const file = join(out, 'inventory', 'services.txt');
  expect(readFileSync(file, 'utf8').split('\n').filter((line) => !line.startsWith('#'))).toEqual(['db container wave 0', 'worker process wave 1', '']);
  expect(await run(['build', '-f', spec, '-o', out, '-t', 'inventory', '--check'])).toEqual({ code: 0, out: `${out}: up to date (2 files)\n`, err: '' });
  writeFileSync(file, 'changed\n');
  expect(await run(['build', '-f', spec, '-o', out, '-t', 'inventory', '--check'])).toEqual({ code: 1, out: '', err: `${out} is out of date; run \`orchgen build\`:\n  changed inventory/services.txt\n` });
});

test('-t names it like any target', async () => {
  const refused = await run(['build', '-f', spec, '-t', 'inventry', '--check'], true);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('unknown target `inventry` (targets: systemd, compose, pm2, supervisor, k8s, inventory); did you mean `inventory`?');
});
