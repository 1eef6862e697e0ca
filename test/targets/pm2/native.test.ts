import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUSYBOX_IMAGE, PM2_BIN, allTools, describeWithTool, hasBusyboxImage, hasPm2, tempDir, withIsolatedPm2, type IsolatedPm2, type TempDir } from '../../support/tools.js';
import { jlist, waitFor } from './live.js';
import { buildFile } from './support.js';

/** `pm2 ARGS` as a user runs it, with extra variables in its environment. */
function pm2With(pm2: IsolatedPm2, args: string[], extra: Record<string, string> = {}) {
  return execa(PM2_BIN, args, { env: { ...pm2.env, ...extra }, extendEnv: false, reject: false, all: true, timeout: 60_000 });
}

async function containers(name: string): Promise<string> {
  const { stdout } = await execa('docker', ['ps', '-a', '--format', '{{.Names}} {{.Status}}', '--filter', `name=^${name}$`]);
  return stdout.trim();
}

/** KEY=VALUE lines of `env` output (the test's values hold no newline). */
function envLines(file: string): Map<string, string> {
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('='));
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

const statusOf = async (pm2: IsolatedPm2, name: string) => (await jlist(pm2)).find((p) => p.name === name)?.pm2_env.status;

await describeWithTool('the ecosystem file under PM2 alone (pm2 start FILE)', allTools(hasPm2, hasBusyboxImage), () => {
  let pm2: IsolatedPm2;
  let work: TempDir;
  beforeAll(async () => {
    pm2 = await withIsolatedPm2();
    work = await tempDir('orchgen-pm2-native-');
  });
  afterAll(async () => {
    await pm2?.kill();
    for (const name of ['pm2mv-box', 'pm2pull-box']) await execa('docker', ['rm', '-f', name], { reject: false });
    await work?.cleanup();
  });

  it('works from a copy of out/ with the spec files beside it: cwd, env_file (read literally) and bind sources; a missing cwd is errored', async () => {
    const spec = path.join(work.path, 'built', 'spec', 'orchgen.yaml');
    const yaml = [
      'version: 1',
      'project: pm2mv',
      'services:',
      '  proc:',
      `    command: ["/bin/sh", "-c", "mkdir -p seen; pwd > seen/pwd.tmp; env > seen/env.tmp; mv seen/env.tmp seen/env; mv seen/pwd.tmp seen/pwd; exec sleep 1000"]`,
      '    env_file: app.env',
      '  nowhere:',
      '    command: ["/bin/sleep", "1723"]',
      '    workdir: /nonexistent/orchgen-pm2-native',
      '  box:',
      `    image: ${BUSYBOX_IMAGE}`,
      '    network: host',
      '    command: ["sh", "-c", "echo mounted > /seen/box; exec sleep 1000"]',
      '    volumes: ["./boxseen:/seen"]',
      '    stop: { timeout: 1s }',
      '',
    ].join('\n');
    mkdirSync(path.dirname(spec), { recursive: true });
    writeFileSync(spec, yaml);
    buildFile(spec, path.join(work.path, 'built', 'out'));

    // On the server: out/ and the spec's relative files side by side; the build folder is gone.
    const server = path.join(work.path, 'server');
    cpSync(path.join(work.path, 'built', 'out'), path.join(server, 'out'), { recursive: true });
    rmSync(path.join(work.path, 'built'), { recursive: true, force: true });
    mkdirSync(path.join(server, 'boxseen'));
    const envFile = ['# a comment', '', 'DOLLAR=$HOME $(id)', `QUOTED="it's" x`, 'SPACED=a  b ', '  INDENTED=yes', 'EQUALS=a=b', 'PASSED', ''].join('\n');
    writeFileSync(path.join(server, 'app.env'), envFile);

    const started = await pm2With(pm2, ['start', path.join(server, 'out', 'pm2', 'ecosystem.config.cjs')], { PASSED: 'from the caller' });
    expect(started.exitCode, started.all).toBe(0);

    await waitFor('proc to write its env', () => (existsSync(path.join(server, 'seen', 'pwd')) ? true : undefined), 30_000);
    expect(readFileSync(path.join(server, 'seen', 'pwd'), 'utf8').trim()).toBe(server);
    const env = envLines(path.join(server, 'seen', 'env'));
    expect(Object.fromEntries(['DOLLAR', 'QUOTED', 'SPACED', 'INDENTED', 'EQUALS', 'PASSED'].map((key) => [key, env.get(key)]))).toEqual({
      DOLLAR: '$HOME $(id)',
      QUOTED: `"it's" x`,
      SPACED: 'a  b ',
      INDENTED: 'yes',
      EQUALS: 'a=b',
      PASSED: 'from the caller',
    });

    await waitFor('the container to write into its bind mount', () => (existsSync(path.join(server, 'boxseen', 'box')) ? true : undefined), 30_000);
    expect(await containers('pm2mv-box')).toMatch(/^pm2mv-box Up /);

    await waitFor('nowhere to be errored', async () => ((await statusOf(pm2, 'pm2mv-nowhere')) === 'errored' ? true : undefined), 15_000);
    const ps = await execa('ps', ['-eo', 'args']);
    expect(ps.stdout).not.toContain('/bin/sleep 1723');
    const errorLog = (await jlist(pm2)).find((p) => p.name === 'pm2mv-nowhere')!.pm2_env.pm_err_log_path as string;
    expect(readFileSync(errorLog, 'utf8')).toContain('pm2mv-nowhere: cwd /nonexistent/orchgen-pm2-native does not exist');
    expect(await statusOf(pm2, 'pm2mv-proc')).toBe('online');

    expect((await pm2.pm2(['delete', 'all'])).exitCode).toBe(0);
    expect(await containers('pm2mv-box')).toBe('');
  });

  it('a stop that comes while docker run has not created the container yet leaves no container', async () => {
    const stack = path.join(work.path, 'pull');
    const yaml = ['version: 1', 'project: pm2pull', 'services:', '  box:', `    image: ${BUSYBOX_IMAGE}`, '    network: host', '    command: ["sleep", "1724"]', '    stop: { timeout: 1s }', ''].join('\n');
    mkdirSync(stack, { recursive: true });
    writeFileSync(path.join(stack, 'orchgen.yaml'), yaml);
    const { ecosystem } = buildFile(path.join(stack, 'orchgen.yaml'), path.join(stack, 'out'));
    // A docker whose `run` takes 4 s before it reaches the daemon, as a pull would.
    const shim = path.join(stack, 'bin');
    mkdirSync(shim);
    const marker = path.join(stack, 'pulling');
    const realDocker = (await execa('sh', ['-c', 'command -v docker'])).stdout.trim();
    writeFileSync(path.join(shim, 'docker'), `#!/bin/sh\nif [ "$1" = run ]; then : > '${marker}'; sleep 4; fi\nexec '${realDocker}' "$@"\n`);
    chmodSync(path.join(shim, 'docker'), 0o755);

    const started = await pm2With(pm2, ['start', ecosystem], { PATH: `${shim}:${process.env.PATH ?? ''}` });
    expect(started.exitCode, started.all).toBe(0);
    await waitFor('docker run to begin', () => (existsSync(marker) ? true : undefined), 15_000);
    expect(await containers('pm2pull-box')).toBe('');
    expect((await pm2.pm2(['stop', 'pm2pull-box'])).exitCode).toBe(0);
    expect(await statusOf(pm2, 'pm2pull-box')).toBe('stopped');

    // Past the moment the slow `docker run` would have created and started the container.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await containers('pm2pull-box')).toBe('');
    expect((await execa('ps', ['-eo', 'args'])).stdout).not.toContain('sleep 1724');
  });

  it('refuses to load while an env_required variable is unset, naming the app and the key', async () => {
    const stack = path.join(work.path, 'required');
    const seen = path.join(stack, 'seen');
    const yaml = ['version: 1', 'project: pm2req', 'services:', '  proc:', `    command: ["/bin/sh", "-c", "echo \\"$NEEDED_KEY\\" > ${seen}; exec sleep 1000"]`, '    env_required: [NEEDED_KEY]', ''].join('\n');
    mkdirSync(stack, { recursive: true });
    writeFileSync(path.join(stack, 'orchgen.yaml'), yaml);
    const { ecosystem } = buildFile(path.join(stack, 'orchgen.yaml'), path.join(stack, 'out'));

    const refused = await pm2With(pm2, ['start', ecosystem]);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.all).toContain('pm2req-proc: env NEEDED_KEY is required and not set: export it before pm2 start');
    expect((await jlist(pm2)).map((p) => p.name)).not.toContain('pm2req-proc');

    const started = await pm2With(pm2, ['start', ecosystem], { NEEDED_KEY: 'a $value' });
    expect(started.exitCode, started.all).toBe(0);
    await waitFor('proc to write the key', () => (existsSync(seen) ? true : undefined), 15_000);
    expect(readFileSync(seen, 'utf8')).toBe('a $value\n');
    expect((await pm2.pm2(['delete', 'pm2req-proc'])).exitCode).toBe(0);
  });
});
