import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderTargets } from '../../src/pipeline/render.js';
import { compileText } from '../../src/pipeline/compile.js';
import { Pm2DaemonGone, Pm2Error } from '../../src/runtime/pm2/api-errors.js';
import type { Pm2Process } from '../../src/runtime/pm2/api-process.js';
import { connectPm2, type Pm2Client } from '../../src/runtime/pm2/api.js';
import { describeWithTool, hasPm2, isAlive, PM2_BIN, tempDir, withIsolatedPm2, type IsolatedPm2, type TempDir } from '../support/tools.js';

const SPEC = `version: 1
project: apitest
services:
  web:
    command: [/bin/sh, -c, 'echo "web says $GREETING"; exec sleep 1000']
    env: {GREETING: "<&> héllo"}
  quitter:
    command: [/bin/sh, -c, 'echo bye; exit 3']
    restart: "no"
`;

/** Variables PM2 gives every run of an app differently, and the ones its CLI adds to its own environment. */
const PER_RUN = ['created_at', 'pm_id', 'pm_pid_path', 'pm_uptime', 'unique_id', 'PM2_USAGE', 'PM2_INTERACTOR_PROCESSING'];

/** Builds the spec's PM2 ecosystem file into `dir`, as `orchgen build -t pm2` does. */
function buildEcosystem(dir: string): string {
  const specFile = join(dir, 'orchgen.yaml');
  writeFileSync(specFile, SPEC);
  const compiled = compileText(specFile, SPEC, ['pm2']);
  if (!compiled.model || !compiled.plan) throw new Error(`spec has errors: ${JSON.stringify(compiled.diagnostics)}`);
  const outDir = join(dir, 'out');
  for (const artifact of renderTargets({ model: compiled.model, plan: compiled.plan }, ['pm2'], { specFile, outDir }).artifacts) {
    mkdirSync(dirname(join(outDir, artifact.path)), { recursive: true });
    writeFileSync(join(outDir, artifact.path), artifact.content);
  }
  return join(outDir, 'pm2', 'ecosystem.config.cjs');
}

/** The environment a running process really has. */
function environOf(pid: number): Record<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

function ownedBy(pid: number, home: string): boolean {
  try {
    return environOf(pid).PM2_HOME === home;
  } catch {
    return false;
  }
}

/** Polls `read` until `done` holds for what it returns (15 s at most), and returns that. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

await describeWithTool("the PM2 client over PM2's programmatic API", hasPm2, () => {
  let pm2: IsolatedPm2;
  let temp: TempDir;
  let ecosystem: string;
  let client: Pm2Client;
  const envBefore = { ...process.env };
  const started = new Set<number>();

  const describeApp = async (name: string): Promise<Pm2Process> => {
    const app = await client.describe(name);
    if (!app) throw new Error(`${name} is not listed`);
    if (app.pid > 0) started.add(app.pid);
    return app;
  };

  beforeAll(async () => {
    pm2 = await withIsolatedPm2();
    temp = await tempDir('orchgen-pm2-api-');
    ecosystem = buildEcosystem(temp.path);
  });

  afterAll(async () => {
    await client?.disconnect();
    await pm2?.kill();
    // Apps a killed daemon left behind; a pid counts only while it still runs with this suite's PM2_HOME.
    for (const pid of started) if (isAlive(pid) && ownedBy(pid, pm2.home)) process.kill(pid, 'SIGKILL');
    await temp?.cleanup();
  });

  it('connecting without starting a daemon where none runs is Pm2DaemonGone, and starts none', async () => {
    const error = await rejectionOf(connectPm2({ env: pm2.env, startDaemon: false }));
    expect(error).toBeInstanceOf(Pm2DaemonGone);
    expect(error.message).toBe(`the PM2 daemon of ${pm2.home} is not running`);
    expect(existsSync(join(pm2.home, 'pm2.pid'))).toBe(false);
  });

  it('connect starts the daemon of the given PM2_HOME, which the pm2 CLI then finds', async () => {
    client = await connectPm2({ env: { ...pm2.env, CALLER_VAR: 'from the caller' } });
    expect(client.home).toBe(pm2.home);
    const daemon = Number(readFileSync(join(pm2.home, 'pm2.pid'), 'utf8'));
    expect(isAlive(daemon)).toBe(true);
    await client.ping();
    expect(await client.list()).toEqual([]);
    expect((await pm2.pm2(['ping'])).stdout).toContain('pong');
  });

  it('start runs one app of the generated ecosystem file, with its env over the caller env', async () => {
    await client.start(ecosystem, 'apitest-web');
    const web = await eventually(() => describeApp('apitest-web'), (app) => app.pm2_env.status === 'online' && app.pid > 0);
    expect([web.name, web.pm2_env.namespace, web.pm2_env.restart_time]).toEqual(['apitest-web', 'apitest', 0]);
    expect((await client.list()).map((app) => app.name)).toEqual(['apitest-web']);
    const environ = environOf(web.pid);
    expect([environ.GREETING, environ.CALLER_VAR, environ.PM2_DISCRETE_MODE, environ.PM2_HOME]).toEqual(['<&> héllo', 'from the caller', 'true', pm2.home]);
    const out = await eventually(async () => (existsSync(web.pm2_env.pm_out_log_path!) ? readFileSync(web.pm2_env.pm_out_log_path!, 'utf8') : ''), (text) => text !== '');
    expect(out).toBe('web says <&> héllo\n');
    const jlist = JSON.parse((await pm2.pm2(['jlist'])).stdout) as Pm2Process[];
    expect(jlist.map((app) => [app.name, app.pid])).toEqual([['apitest-web', web.pid]]);
  });

  it('leaves the caller process.env as it was', () => {
    expect(process.env).toEqual(envBefore);
  });

  it('an app it starts gets the same environment as from `pm2 start FILE --only app`', async () => {
    const viaApi = environOf((await describeApp('apitest-web')).pid);
    expect(await client.delete('apitest-web')).toBe(true);
    const cli = await execa(PM2_BIN, ['start', ecosystem, '--only', 'apitest-web'], { env: { ...pm2.env, CALLER_VAR: 'from the caller' }, extendEnv: false, reject: false });
    expect(cli.exitCode).toBe(0);
    const viaCli = environOf((await eventually(() => describeApp('apitest-web'), (app) => app.pid > 0)).pid);
    const differing = [...new Set([...Object.keys(viaApi), ...Object.keys(viaCli)])].filter((key) => viaApi[key] !== viaCli[key]);
    expect(differing.filter((key) => !PER_RUN.includes(key))).toEqual([]);
    expect(viaCli.PM2_USAGE).toBe('CLI');
  });

  it('starting a listed app again restarts it, as the CLI does', async () => {
    const before = await describeApp('apitest-web');
    await client.start(ecosystem, 'apitest-web');
    const after = await eventually(() => describeApp('apitest-web'), (app) => app.pm2_env.status === 'online' && app.pid > 0 && app.pid !== before.pid);
    expect(after.pm2_env.restart_time).toBe(before.pm2_env.restart_time + 1);
    expect(isAlive(before.pid)).toBe(false);
  });

  it('describe shows the exit code of an app that exited', async () => {
    await client.start(ecosystem, 'apitest-quitter');
    const quitter = await eventually(() => describeApp('apitest-quitter'), (app) => app.pm2_env.status === 'stopped');
    expect([quitter.pm2_env.exit_code, quitter.pm2_env.restart_time]).toEqual([3, 0]);
  });

  it('start fails when nothing of that name started, or the file is missing', async () => {
    const unknown = await rejectionOf(client.start(ecosystem, 'apitest-nope'));
    expect(unknown).toBeInstanceOf(Pm2Error);
    expect(unknown.message).toBe(`pm2 start failed: no app apitest-nope started from ${ecosystem}`);
    const missing = await rejectionOf(client.start(join(temp.path, 'missing.config.cjs'), 'apitest-web'));
    expect(missing).toBeInstanceOf(Pm2Error);
    expect(missing.message).toMatch(/^pm2 start failed: ENOENT: no such file or directory/);
  });

  it('delete removes the app and stops its process; deleting it again is false', async () => {
    const { pid } = await describeApp('apitest-web');
    expect(await client.delete('apitest-web')).toBe(true);
    expect(await client.describe('apitest-web')).toBeUndefined();
    await eventually(async () => isAlive(pid), (alive) => !alive);
    expect(await client.delete('apitest-web')).toBe(false);
    expect(await client.delete('apitest-quitter')).toBe(true);
    expect(await client.list()).toEqual([]);
  });

  it('clients of different homes live side by side in one process', async () => {
    const other = await withIsolatedPm2();
    try {
      const second = await connectPm2({ env: other.env });
      await second.start(ecosystem, 'apitest-quitter');
      expect((await second.list()).map((app) => app.name)).toEqual(['apitest-quitter']);
      expect(await client.list()).toEqual([]);
      await second.disconnect();
    } finally {
      await other.kill();
    }
  });

  it('once its daemon is killed, calls fail with Pm2DaemonGone rather than wait', async () => {
    const daemon = Number(readFileSync(join(pm2.home, 'pm2.pid'), 'utf8'));
    process.kill(daemon, 'SIGKILL');
    await eventually(async () => isAlive(daemon), (alive) => !alive);
    const began = Date.now();
    for (const call of [() => client.list(), () => client.ping(), () => client.start(ecosystem, 'apitest-web'), () => client.delete('apitest-web')]) {
      expect(await rejectionOf(call())).toBeInstanceOf(Pm2DaemonGone);
    }
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(await rejectionOf(connectPm2({ env: pm2.env, startDaemon: false }))).toBeInstanceOf(Pm2DaemonGone);
  });

  it('after disconnect, calls fail and the client holds nothing open', async () => {
    await client.disconnect();
    const error = await rejectionOf(client.list());
    expect(error).toBeInstanceOf(Pm2Error);
    expect(error.message).toBe('pm2 list failed: the client is disconnected');
  });
});
