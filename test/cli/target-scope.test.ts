import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithTool, hasSupervisord, tempDir, type TempDir } from '../support/tools.js';
import { orchgen } from './run.js';

/** Every file under `dir` with its content, by path relative to it. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    try {
      files[relative(dir, join(dir, name))] = readFileSync(join(dir, name), 'utf8');
    } catch {
      // a folder
    }
  }
  return files;
}

function without(files: Record<string, string>, folder: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith(`${folder}/`) && !path.startsWith('.orchgen-')));
}

/** orchgen in the spec's folder, as a user runs it there. */
const run = (args: readonly string[]) => orchgen(args, { cwd: tmp.path });

const manifest = (out: string) => JSON.parse(readFileSync(join(out, '.orchgen-manifest.json'), 'utf8')) as { files: string[] };

let tmp: TempDir;
let spec: string;
let out: string;
/** In every process of this stack's command line: what pgrep looks for. */
let marker: string;
beforeAll(async () => {
  tmp = await tempDir('orchgen-scope-');
  spec = join(tmp.path, 'orchgen.yaml');
  out = join(tmp.path, 'out');
  marker = `orchgen-scope-${process.pid}-${Date.now()}`;
  const sleeper = (name: string) => [`  ${name}:`, `    command: [python3, -c, "import time; time.sleep(600)", ${marker}-${name}]`];
  const lines = ['version: 1', `project: scope-${process.pid}`, 'services:', ...sleeper('store'), ...sleeper('api'), '    depends_on: [store]'];
  lines.push('targets:', `  supervisor: {log_dir: ${tmp.path}/logs}`);
  writeFileSync(spec, `${lines.join('\n')}\n`);
});
afterAll(async () => {
  await run(['down', '-t', 'supervisor']);
  await tmp.cleanup();
});

test('build -t writes and checks only that target; the manifest keeps listing the others', async () => {
  expect((await run(['build'])).code).toBe(0);
  const before = snapshot(out);
  writeFileSync(spec, readFileSync(spec, 'utf8').replace('  api:\n', '  api:\n    env: {MODE: "2"}\n'));
  const pm2 = await run(['build', '-t', 'pm2']);
  expect(pm2.code).toBe(0);
  expect(pm2.stdout).toBe(`out: 1 written, 1 unchanged, 0 removed\n  wrote pm2/ecosystem.config.cjs\n`);
  const after = snapshot(out);
  expect(Object.keys(after).filter((p) => p.startsWith('pm2/'))).toEqual(['pm2/ecosystem.config.cjs']);
  expect(after['pm2/ecosystem.config.cjs']).not.toBe(before['pm2/ecosystem.config.cjs']);
  expect(without(after, 'pm2')).toEqual(without(before, 'pm2'));
  expect(manifest(out).files).toEqual(Object.keys(before).filter((p) => !p.startsWith('.orchgen-')).sort());
  // the others are stale now, and --check of one of them says so, of itself only
  const check = await run(['build', '-t', 'systemd', '--check']);
  expect(check.code).toBe(1);
  expect(check.stderr).toBe(`out is out of date; run \`orchgen build\`:\n  changed systemd/scope-${process.pid}-api.service\n`);
  expect((await run(['build', '-t', 'pm2', '--check'])).code).toBe(0);
});

test('status, logs and down offer no build options', async () => {
  for (const command of ['status', 'logs', 'down']) {
    const help = (await orchgen([command, '--help'])).stdout;
    for (const option of ['--no-build', '--verbose', '--unit-dir', '--secrets-dir', '--force-recreate']) expect(help, `${command} ${option}`).not.toContain(option);
  }
  const up = (await orchgen(['up', '--help'])).stdout;
  for (const option of ['--no-build', '--verbose', '--unit-dir', '--secrets-dir']) expect(up).toContain(option);
  const ignored = await run(['status', '-t', 'supervisor', '--no-build']);
  expect(ignored.stderr).toBe("error: unknown option '--no-build'\n");
  expect(ignored.code).toBe(1);
});

await describeWithTool('up, status, logs and down of one target beside the others', hasSupervisord, () => {
  const pgrep = async () => (await execa('pgrep', ['-f', marker], { reject: false })).stdout.split('\n').filter(Boolean);
  const supervisorctl = () => execa('supervisorctl', ['-c', join(tmp.path, '.orchgen', 'supervisor', 'supervisord.conf'), 'status'], { reject: false, all: true });

  test('up -t supervisor leaves the other targets alone; status, logs and down work on what is there', async () => {
    const others = without(snapshot(out), 'supervisor');
    const up = await run(['up', '-t', 'supervisor']);
    expect(up.code, up.stderr).toBe(0);
    expect(without(snapshot(out), 'supervisor')).toEqual(others);
    expect(manifest(out).files).toContain('pm2/ecosystem.config.cjs');
    const listed = (await supervisorctl()).stdout;
    expect(listed).toMatch(/^scope-\d+-api +RUNNING/m);
    expect(listed).toMatch(/^scope-\d+-store +RUNNING/m);
    expect(await pgrep()).toHaveLength(2);

    // systemd's files are stale (the spec changed since they were built): no command here minds
    const status = await run(['status', '-t', 'supervisor']);
    expect(status.stderr).toBe('');
    expect(status.stdout).toMatch(/\n\nscope-\d+ \(supervisor\): healthy\n$/);
    expect(status.code).toBe(0);
    const logs = await run(['logs', 'api', '-t', 'supervisor']);
    expect(logs.stderr).toBe('');
    expect(logs.code).toBe(0);

    // --no-build compares the target's own files only
    const stale = await run(['preflight', '-t', 'systemd', '--no-build']);
    expect(stale.stderr).toBe('out/systemd is out of date: run `orchgen build -t systemd` first (or drop --no-build)\n');
    expect(stale.code).toBe(1);
    const current = await run(['preflight', '-t', 'supervisor', '--no-build']);
    expect(current).toEqual({ code: 0, stdout: 'preflight ok for supervisor\n', stderr: '' });

    const beforeDown = snapshot(out);
    const down = await run(['down', '-t', 'supervisor']);
    expect(down.stderr).toBe('');
    expect(down.stdout).toMatch(/\nscope-\d+: down, nothing left running\n$/);
    expect(down.code).toBe(0);
    expect(snapshot(out)).toEqual(beforeDown);
    expect(await pgrep()).toEqual([]);
    expect((await supervisorctl()).all).toMatch(/refused|no such file/i);
  });

  test('status after a clean down: down, exit 4', async () => {
    const status = await run(['status', '-t', 'supervisor']);
    expect(status.stdout.replace(/scope-\d+/, 'scope')).toBe(
      [
        'SERVICE  STATE    HEALTH  SINCE  RESTARTS  VARIANT  LAST PROBE',
        'store    stopped  -       -      0         -        -',
        'api      stopped  -       -      0         -        -',
        '',
        'scope (supervisor): down',
        '',
      ].join('\n'),
    );
    expect(status.code).toBe(4);
    expect(await pgrep()).toEqual([]);
  });
});
