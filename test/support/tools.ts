/**
 * Helpers for tests that drive the real tools: Docker (and both Compose
 * flavours), systemd in a container, supervisord and PM2.
 *
 * A suite that needs a tool declares it with `describeWithTool`:
 *
 * ```ts
 * import { it, expect } from 'vitest';
 * import { describeWithTool, hasSupervisord, hasSystemdImage } from './tools.js';
 *
 * await describeWithTool('supervisord accepts the output', hasSupervisord, () => {
 *   it('parses', async () => { ... });
 * });
 *
 * // or, with the check already resolved (no outer await needed):
 * describeWithTool('units start', await hasSystemdImage(), () => { ... });
 * ```
 *
 * - tool present: the suite runs;
 * - tool missing and `CI=true`: the suite fails, naming the tool and how to
 *   install it (a missing tool in CI is a broken CI machine, not a skip);
 * - tool missing elsewhere: the suite is skipped and one line such as
 *   `skip: supervisord not installed (apt-get install supervisor)` is printed.
 *
 * On a development machine, `bash scripts/ci/install-docker-engine.sh` installs
 * Docker Engine 26 (CI's; Debian 12's 20.10 refuses `start_interval`),
 * `bash scripts/ci/start-docker.sh` starts the
 * Docker engine and `bash scripts/ci/build-test-images.sh` builds the local
 * images `orchgen-test/busybox:1` and `orchgen-test/systemd:2`;
 * `bash scripts/ci/install-compose-v2.sh` installs Compose v2 (Compose tests
 * run on v2 and v1: test/support/compose-cli.ts).
 */
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, it } from 'vitest';

export interface ToolCheck {
  ok: boolean;
  reason: string;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const BUSYBOX_IMAGE = 'orchgen-test/busybox:1';
export const SYSTEMD_IMAGE = 'orchgen-test/systemd:2';
export const PYTHON_ONLY_IMAGE = 'orchgen-test/python-only:1';
/** busybox's sh and httpd, no curl, wget, nc, bash or python3. */
export const BARE_IMAGE = 'orchgen-test/bare:1';

/** The repository root (this file is test/support/tools.ts). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PM2_BIN = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'pm2');

const PROBE_TIMEOUT_MS = 20_000;
const BUILD_IMAGES_HINT = 'bash scripts/ci/build-test-images.sh';
const START_DOCKER_HINT = 'bash scripts/ci/start-docker.sh';

// ---------------------------------------------------------------------------
// detection

const memo = new Map<string, Promise<unknown>>();

/** Run `compute` once per process for `key`; later calls share the promise. */
function once<T>(key: string, compute: () => Promise<T>): Promise<T> {
  let hit = memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = compute();
    memo.set(key, hit);
  }
  return hit;
}

/** Full path of `cmd` on PATH, or undefined. */
async function findOnPath(cmd: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, cmd);
    try {
      await access(candidate, fsConstants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Run a command that must not hang or throw; report how it ended. */
async function probe(cmd: string, args: string[]): Promise<ExecResult & { ok: boolean }> {
  const r = await execa(cmd, args, { reject: false, timeout: PROBE_TIMEOUT_MS, stdin: 'ignore' });
  const exitCode = typeof r.exitCode === 'number' ? r.exitCode : -1;
  return { ok: !r.failed && exitCode === 0, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

const ok = (reason: string): ToolCheck => ({ ok: true, reason });
const missing = (reason: string): ToolCheck => ({ ok: false, reason });

/** The Docker engine answers `docker info`. */
export function hasDocker(): Promise<ToolCheck> {
  return once('docker', async () => {
    if (!(await findOnPath('docker'))) return missing('docker not installed (apt-get install docker.io)');
    const r = await probe('docker', ['info', '--format', '{{.ServerVersion}}']);
    if (!r.ok) {
      return missing(`docker engine not answering (${START_DOCKER_HINT}): ${firstLine(r.stderr) || 'no output'}`);
    }
    return ok(`docker engine ${r.stdout.trim()}`);
  });
}

/** Compose v1 (`docker-compose version`). */
export function hasComposeV1(): Promise<ToolCheck> {
  return once('compose-v1', async () => {
    if (!(await findOnPath('docker-compose'))) {
      return missing('docker-compose (Compose v1) not installed (apt-get install docker-compose)');
    }
    const r = await probe('docker-compose', ['version', '--short']);
    if (!r.ok) return missing(`docker-compose version failed: ${firstLine(r.stderr) || firstLine(r.stdout)}`);
    return ok(`docker-compose ${r.stdout.trim()}`);
  });
}

/** Compose v2, the Docker CLI plugin (`docker compose version`). */
export function hasComposeV2(): Promise<ToolCheck> {
  return once('compose-v2', async () => {
    if (!(await findOnPath('docker'))) return missing('docker not installed (apt-get install docker.io)');
    const r = await probe('docker', ['compose', 'version', '--short']);
    if (!r.ok) {
      return missing('docker compose (Compose v2 CLI plugin) not installed (bash scripts/ci/install-compose-v2.sh)');
    }
    return ok(`docker compose ${r.stdout.trim()}`);
  });
}

/**
 * A Python interpreter that can `import supervisor`: the one supervisord
 * itself runs on (its #! line), else `python3`, else /usr/bin/python3.
 * A python3 earlier on PATH (pyenv, a venv) often lacks Debian's modules.
 */
export function supervisorPython(): Promise<string | undefined> {
  return once('supervisor-python', async () => {
    const candidates: string[] = [];
    const supervisord = await findOnPath('supervisord');
    if (supervisord) {
      try {
        const head = (await readFile(supervisord, 'utf8')).slice(0, 200);
        const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(head);
        if (m?.[1]) candidates.push(m[1].endsWith('/env') && m[2] ? m[2] : m[1]);
      } catch {
        // unreadable: fall back to the defaults
      }
    }
    candidates.push('python3', '/usr/bin/python3');
    for (const py of new Set(candidates)) {
      const r = await probe(py, ['-c', 'import supervisor.options']);
      if (r.ok) return py;
    }
    return undefined;
  });
}

/** supervisord is installed and its Python package imports. */
export function hasSupervisord(): Promise<ToolCheck> {
  return once('supervisord', async () => {
    if (!(await findOnPath('supervisord'))) return missing('supervisord not installed (apt-get install supervisor)');
    const py = await supervisorPython();
    if (!py) return missing('python3 cannot import supervisor (apt-get install supervisor python3)');
    const r = await probe('supervisord', ['--version']);
    if (!r.ok) return missing(`supervisord --version failed: ${firstLine(r.stderr) || firstLine(r.stdout)}`);
    return ok(`supervisord ${r.stdout.trim()} (${py})`);
  });
}

/** Prometheus and promtool (Debian's `prometheus` package): a real scrape of the monitor's /metrics. */
export function hasPrometheus(): Promise<ToolCheck> {
  return once('prometheus', async () => {
    for (const tool of ['prometheus', 'promtool']) {
      if (!(await findOnPath(tool))) return missing(`${tool} not installed (apt-get install prometheus)`);
    }
    const r = await probe('prometheus', ['--version']);
    if (!r.ok) return missing(`prometheus --version failed: ${firstLine(r.stderr) || firstLine(r.stdout)}`);
    return ok(firstLine(r.stdout || r.stderr));
  });
}

/** tmux (Debian's `tmux` package): a real terminal for the live view of `up` and `down`. */
export function hasTmux(): Promise<ToolCheck> {
  return once('tmux', async () => {
    if (!(await findOnPath('tmux'))) return missing('tmux not installed (apt-get install tmux)');
    const r = await probe('tmux', ['-V']);
    if (!r.ok) return missing(`tmux -V failed: ${firstLine(r.stderr) || firstLine(r.stdout)}`);
    return ok(firstLine(r.stdout));
  });
}

/** Debian's Chromium, the browser the monitor's status page is tested in (playwright-core drives it and downloads none). */
export const CHROMIUM_BIN = '/usr/bin/chromium';

export function hasChromium(): Promise<ToolCheck> {
  return once('chromium', async () => {
    try {
      await access(CHROMIUM_BIN, fsConstants.X_OK);
    } catch {
      return missing(`${CHROMIUM_BIN} not installed (apt-get install chromium)`);
    }
    const r = await probe(CHROMIUM_BIN, ['--version']);
    if (!r.ok) return missing(`chromium --version failed: ${firstLine(r.stderr) || firstLine(r.stdout)}`);
    return ok(firstLine(r.stdout));
  });
}

/** `systemd-analyze` runs (offline unit verification). */
export function hasSystemdAnalyze(): Promise<ToolCheck> {
  return once('systemd-analyze', async () => {
    if (!(await findOnPath('systemd-analyze'))) {
      return missing('systemd-analyze not installed (apt-get install systemd)');
    }
    const r = await probe('systemd-analyze', ['--version']);
    if (!r.ok) return missing(`systemd-analyze --version failed: ${firstLine(r.stderr)}`);
    return ok(firstLine(r.stdout));
  });
}

function hasImage(image: string): Promise<ToolCheck> {
  return once(`image:${image}`, async () => {
    const docker = await hasDocker();
    if (!docker.ok) return docker;
    const r = await probe('docker', ['image', 'inspect', '--format', '{{.Id}}', image]);
    if (!r.ok) return missing(`docker image ${image} not built (${BUILD_IMAGES_HINT})`);
    return ok(`docker image ${image}`);
  });
}

/** The Docker engine answers and `orchgen-test/systemd:2` exists. */
export function hasSystemdImage(): Promise<ToolCheck> {
  return hasImage(SYSTEMD_IMAGE);
}

/** The Docker engine answers and `orchgen-test/busybox:1` exists. */
export function hasBusyboxImage(): Promise<ToolCheck> {
  return hasImage(BUSYBOX_IMAGE);
}

/** The Docker engine answers and `orchgen-test/python-only:1` (python3, no curl, wget, nc or bash) exists. */
export function hasPythonOnlyImage(): Promise<ToolCheck> {
  return hasImage(PYTHON_ONLY_IMAGE);
}

/** The Docker engine answers and `orchgen-test/bare:1` (no curl, wget, nc, bash or python3) exists. */
export function hasBareImage(): Promise<ToolCheck> {
  return hasImage(BARE_IMAGE);
}

/** The project's own PM2 (node_modules/.bin/pm2) is installed. */
export function hasPm2(): Promise<ToolCheck> {
  return once('pm2', async () => {
    try {
      await access(PM2_BIN, fsConstants.X_OK);
      return ok(`pm2 at ${PM2_BIN}`);
    } catch {
      return missing('pm2 not installed in node_modules (npm ci)');
    }
  });
}

// ---------------------------------------------------------------------------
// skip or fail

/** True when running in CI, where a missing tool is an error. */
export function inCI(): boolean {
  const ci = (process.env.CI ?? '').toLowerCase();
  return ci === 'true' || ci === '1';
}

/** The error a missing tool raises in CI. */
export class MissingToolError extends Error {
  constructor(reason: string) {
    super(`required tool missing in CI: ${reason}`);
    this.name = 'MissingToolError';
  }
}

const announced = new Set<string>();

function announceSkip(reason: string): void {
  if (announced.has(reason)) return;
  announced.add(reason);
  console.warn(`skip: ${reason}`);
}

/**
 * Decide whether code that needs a tool runs. Returns true when the tool is
 * there; false (after printing `skip: <reason>`) when it is missing outside
 * CI; throws MissingToolError when it is missing in CI.
 *
 * ```ts
 * describe.skipIf(!requireTool(await hasDocker()))('compose', () => { ... });
 * ```
 */
export function requireTool(check: ToolCheck): boolean {
  if (check.ok) return true;
  if (inCI()) throw new MissingToolError(check.reason);
  announceSkip(check.reason);
  return false;
}

export type ToolCheckSource = ToolCheck | Promise<ToolCheck> | (() => Promise<ToolCheck>);

function isToolCheck(x: ToolCheckSource): x is ToolCheck {
  return typeof x === 'object' && x !== null && !('then' in x);
}

function register(name: string, check: ToolCheck, fn: () => void): void {
  if (check.ok) {
    describe(name, fn);
    return;
  }
  if (inCI()) {
    // Keep the failure in this suite rather than failing the whole file.
    describe(name, () => {
      it(`needs a missing tool: ${check.reason}`, () => {
        throw new MissingToolError(check.reason);
      });
    });
    return;
  }
  announceSkip(check.reason);
  describe.skip(name, fn);
}

/**
 * `describe` that runs only when a tool is available (see the file comment
 * for the rule). Pass a resolved ToolCheck to register the suite at once, or
 * a detector / promise and `await` the call (test files may use top-level
 * await).
 */
export function describeWithTool(name: string, check: ToolCheckSource, fn: () => void): Promise<void> {
  if (isToolCheck(check)) {
    register(name, check, fn);
    return Promise.resolve();
  }
  const pending = typeof check === 'function' ? check() : check;
  return pending.then((resolved) => register(name, resolved, fn));
}

/** All checks must pass; the reasons of the missing ones are joined. */
export async function allTools(...checks: ToolCheckSource[]): Promise<ToolCheck> {
  const results = await Promise.all(
    checks.map((c) => (isToolCheck(c) ? c : typeof c === 'function' ? c() : c)),
  );
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) return missing(failed.map((r) => r.reason).join('; '));
  return ok(results.map((r) => r.reason).join('; '));
}

// ---------------------------------------------------------------------------
// temporary folders

export interface TempDir {
  path: string;
  cleanup(): Promise<void>;
}

/** Make a fresh folder under os.tmpdir(); cleanup() removes it and its content. */
export async function tempDir(prefix = 'orchgen-test-'): Promise<TempDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return {
    path: dir,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

// ---------------------------------------------------------------------------
// systemd in a container

export interface ContainerExecOptions {
  /** Text fed to the command's stdin. */
  input?: string;
  /** Extra environment for the command (docker exec -e). */
  env?: Record<string, string>;
  /** Working directory inside the container. */
  cwd?: string;
  /** Kill the command after this many milliseconds (default 60 s). */
  timeout?: number;
}

export interface SystemdContainer {
  /** The container's name (unique per call). */
  name: string;
  /** The state systemd reached at boot: 'running' or 'degraded'. */
  bootState: string;
  /** Run a command inside the container; never throws on a non-zero exit. */
  exec(args: string[], opts?: ContainerExecOptions): Promise<ExecResult>;
  /** Copy a host file or folder into the container (docker cp). */
  copyIn(hostPath: string, containerPath: string): Promise<void>;
  /** Remove the container. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface SystemdContainerOptions {
  /** Extra `-v` bind mounts, e.g. `['/tmp/out:/srv/out:ro']`. */
  binds?: string[];
  /** How long to wait for systemd to settle (default 90 s). */
  bootTimeoutMs?: number;
  /**
   * Install a `docker.service` that stands for the host's engine, reached through a bound socket:
   * container units require docker.service, which a real host has.
   */
  engineUnit?: boolean;
}

/** Active while the host's engine answers through the bound socket; it starts and stops nothing. */
const engineUnitText = `[Unit]
Description=The host's Docker engine, through its socket

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/bin/docker version
`;

function containerName(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'c';
  const unique = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  return `orchgen-test-${base.slice(0, 40)}-${unique}`;
}

async function docker(args: string[], timeout = 60_000, input?: string): Promise<ExecResult> {
  const r = await execa('docker', args, {
    reject: false,
    timeout,
    ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
  });
  return {
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? '') + (r.timedOut ? `\n(timed out after ${timeout} ms)` : ''),
    exitCode: typeof r.exitCode === 'number' ? r.exitCode : -1,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Start a container from orchgen-test/systemd:2 with systemd as PID 1 and
 * host networking, and wait until `systemctl is-system-running` reports
 * running or degraded. Services inside listen on the host's 127.0.0.1.
 * Always call stop() (e.g. in afterAll).
 */
export async function startSystemdContainer(
  name: string,
  opts: SystemdContainerOptions = {},
): Promise<SystemdContainer> {
  const cname = containerName(name);
  const bootTimeoutMs = opts.bootTimeoutMs ?? 90_000;
  const binds = (opts.binds ?? []).flatMap((b) => ['-v', b]);
  const run = await docker([
    'run', '-d', '--name', cname,
    '--cap-add', 'SYS_ADMIN', '--security-opt', 'seccomp=unconfined', '--network', 'host',
    '--cgroupns', 'private', '--tmpfs', '/run', '--tmpfs', '/run/lock',
    '-e', 'container=docker',
    ...binds,
    SYSTEMD_IMAGE, '/lib/systemd/systemd',
  ]);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await docker(['rm', '-f', '-v', cname], 30_000);
  };

  if (run.exitCode !== 0) {
    await stop();
    throw new Error(`docker run ${SYSTEMD_IMAGE} failed: ${run.stderr.trim()}`);
  }

  // systemctl cannot connect until PID 1 has opened its bus socket, so
  // retry; once it connects, --wait blocks until the boot has settled.
  const deadline = Date.now() + bootTimeoutMs;
  let state = '';
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const r = await docker(['exec', cname, 'systemctl', 'is-system-running', '--wait'], left);
    state = r.stdout.trim() || r.stderr.trim();
    if (state === 'running' || state === 'degraded') break;
    if (['maintenance', 'stopping', 'offline'].includes(state)) break;
    const inspect = await docker(['inspect', '-f', '{{.State.Running}}', cname], 10_000);
    if (inspect.stdout.trim() !== 'true') {
      state = `container exited (${state})`;
      break;
    }
    await sleep(250);
  }

  if (state !== 'running' && state !== 'degraded') {
    const logs = await docker(['logs', '--tail', '30', cname], 10_000);
    await stop();
    throw new Error(
      `systemd in ${SYSTEMD_IMAGE} did not reach running/degraded within ${bootTimeoutMs} ms ` +
        `(last state: ${state || 'none'})\n${logs.stdout}${logs.stderr}`,
    );
  }

  if (opts.engineUnit) {
    const unit = await docker(['exec', '-i', cname, 'sh', '-c', 'cat > /etc/systemd/system/docker.service && systemctl daemon-reload'], 60_000, engineUnitText);
    if (unit.exitCode !== 0) {
      await stop();
      throw new Error(`docker.service could not be installed in ${cname}: ${unit.stderr.trim()}`);
    }
  }

  return {
    name: cname,
    bootState: state,
    exec(args: string[], execOpts: ContainerExecOptions = {}) {
      const flags: string[] = [];
      if (execOpts.input !== undefined) flags.push('-i');
      for (const [k, v] of Object.entries(execOpts.env ?? {})) flags.push('-e', `${k}=${v}`);
      if (execOpts.cwd) flags.push('-w', execOpts.cwd);
      return docker(['exec', ...flags, cname, ...args], execOpts.timeout ?? 60_000, execOpts.input);
    },
    async copyIn(hostPath: string, containerPath: string) {
      const r = await docker(['cp', hostPath, `${cname}:${containerPath}`]);
      if (r.exitCode !== 0) {
        throw new Error(`docker cp ${hostPath} ${cname}:${containerPath} failed: ${r.stderr.trim()}`);
      }
    },
    stop,
  };
}

// ---------------------------------------------------------------------------
// PM2 with its own home

export interface IsolatedPm2 {
  /** The PM2_HOME folder this instance uses. */
  home: string;
  /** process.env with PM2_HOME pointing at `home` (and PM2_DISCRETE_MODE=true). */
  env: NodeJS.ProcessEnv;
  /** Run node_modules/.bin/pm2 with this PM2_HOME; never throws on a non-zero exit. */
  pm2(args: string[], opts?: { cwd?: string; timeout?: number }): Promise<ExecResult>;
  /** `pm2 kill` (stops the daemon and its apps), then remove PM2_HOME. */
  kill(): Promise<void>;
}

async function readDaemonPid(home: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(path.join(home, 'pm2.pid'), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process of that pid exists (signal 0 delivers nothing). */
/** PM2 daemons of this home, by their process title `PM2 vX: God Daemon (HOME)`. */
async function daemonsOf(home: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const title = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (title.includes(`God Daemon (${home})`)) found.push(Number(entry));
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A PM2 whose daemon, logs and dump live in a fresh PM2_HOME, so tests never
 * touch (or see) the user's own PM2. Always call kill() (e.g. in afterAll).
 */
export async function withIsolatedPm2(): Promise<IsolatedPm2> {
  const dir = await tempDir('orchgen-pm2-');
  // PM2_DISCRETE_MODE: no first-run banner or install check (which calls
  // out to the network) and no "Spawning PM2 daemon" lines, so `pm2 jlist`
  // prints JSON only, even on the call that starts the daemon.
  const env: NodeJS.ProcessEnv = { ...process.env, PM2_HOME: dir.path, PM2_DISCRETE_MODE: 'true' };
  // Variables PM2 sets for its own children; a test run started under PM2
  // must not look like one of them.
  for (const k of ['pm_id', 'name', 'PM2_USAGE', 'PM2_PROGRAMMATIC', 'PM2_JSON_PROCESSING']) delete env[k];

  const pm2 = async (args: string[], opts: { cwd?: string; timeout?: number } = {}): Promise<ExecResult> => {
    const timeout = opts.timeout ?? 60_000;
    const r = await execa(PM2_BIN, args, {
      env,
      extendEnv: false,
      cwd: opts.cwd ?? dir.path,
      reject: false,
      timeout,
      stdin: 'ignore',
    });
    return {
      stdout: String(r.stdout ?? ''),
      stderr: String(r.stderr ?? '') + (r.timedOut ? `\n(timed out after ${timeout} ms)` : ''),
      exitCode: typeof r.exitCode === 'number' ? r.exitCode : -1,
    };
  };

  let killed = false;
  return {
    home: dir.path,
    env,
    pm2,
    async kill() {
      if (killed) return;
      killed = true;
      try {
        // Without a daemon, `pm2 kill` would spawn one just to stop it.
        const pid = await readDaemonPid(dir.path);
        if (pid !== undefined) {
          await pm2(['kill'], { timeout: 30_000 });
          if (isAlive(pid)) process.kill(pid, 'SIGKILL');
        }
      } finally {
        // A daemon whose pid file was not there (yet) or that outlived `pm2 kill` would go on
        // restarting its apps after the test: found by the title PM2 gives it.
        for (const pid of await daemonsOf(dir.path)) process.kill(pid, 'SIGKILL');
        await dir.cleanup();
      }
    },
  };
}
