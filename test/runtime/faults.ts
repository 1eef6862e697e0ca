import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect } from 'vitest';
import { compileFile } from '../../src/pipeline/compile.js';
import { loadDriver } from '../../src/targets/all.js';
import { orchgen } from '../cli/run.js';

/** The fault tests' service (and hanging health check): test/runtime/faults-service.py. */
export const faultService = new URL('./faults-service.py', import.meta.url).pathname;
const cliPath = new URL('../../dist/cli/main.js', import.meta.url).pathname;

export interface FaultService {
  name: string;
  /** Seconds before it listens: how long its health check keeps failing. */
  delay?: number;
  dependsOn?: string[];
  essential?: boolean;
  restart?: 'no' | 'on-failure';
  /** Accepts connections on its port and never answers. */
  hang?: boolean;
  /** Its health check is a command that never returns (and starts a child that never does). */
  hangingExec?: boolean;
  /** Declares its port in `ports` (what `up` re-checks when it fails). */
  publishes?: boolean;
  /** Health check timeout and retries (default 1s and 15; the interval is 200ms). */
  timeout?: string;
  retries?: number;
  /** Health check start period (default none). */
  startPeriod?: string;
}

export interface FaultStack {
  project: string;
  dir: string;
  spec: string;
  /** Where the services record their starts; every service command names it. */
  run: string;
  ports: Record<string, number>;
  services: FaultService[];
}

export interface FaultTarget {
  target: 'supervisor' | 'pm2' | 'compose';
  /** The python that runs the services, or 'busybox' for containers. */
  python: string;
  /** The first and last port this target's tests may use. */
  ports: readonly [number, number];
  extra?: (dir: string) => string;
}

export interface Running {
  /** Resolves once stdout has `text`; rejects when up ends first or after `timeoutMs`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  result: Promise<{ code: number; stdout: string; stderr: string }>;
}

export type FaultLab = ReturnType<typeof faultLab>;

/** Stacks, runs and looks for one target's fault tests: each stack in its own folder, on its own ports. */
export function faultLab(target: FaultTarget) {
  const root = mkdtempSync(join(tmpdir(), `orchgen-faults-${target.target}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let counter = 0;
  let nextPort = target.ports[0];
  const port = () => {
    if (nextPort > target.ports[1]) throw new Error(`out of ports ${target.ports.join('-')}`);
    return nextPort++;
  };

  return {
    target: target.target,

    stack(services: FaultService[]): FaultStack {
      const project = `fault${target.target.slice(0, 3)}${++counter}`;
      const dir = join(root, project);
      const run = join(dir, 'run');
      mkdirSync(run, { recursive: true });
      const ports = Object.fromEntries(services.map((s) => [s.name, port()]));
      const stack: FaultStack = { project, dir, spec: join(dir, 'orchgen.yaml'), run, ports, services };
      writeFileSync(stack.spec, specText(stack, target.python) + (target.extra?.(dir) ?? ''));
      return stack;
    },

    /** `orchgen up` in the background, its output watched as it comes. */
    up(stack: FaultStack, env: Record<string, string> = {}, ...more: string[]): Running {
      return background(['up', '-f', stack.spec, '-t', target.target, ...more], env);
    },

    cli(command: string, stack: FaultStack, env: Record<string, string> = {}, ...more: string[]) {
      return orchgen([command, '-f', stack.spec, '-t', target.target, ...more], { env });
    },

    /** What the driver itself still sees of the project. */
    async leftovers(stack: FaultStack, env: Record<string, string> = {}): Promise<string[]> {
      const compiled = compileFile(stack.spec, [target.target]);
      const driver = (await loadDriver(target.target))({
        model: compiled.model!,
        artifactsDir: join(stack.dir, 'out', target.target),
        stateDir: join(stack.dir, '.orchgen', target.target),
        env: { ...process.env, ...env },
        options: {},
      });
      return driver.leftovers();
    },

    /** The stack's service processes (and health checks) still alive, found by their command line. */
    async processes(stack: FaultStack): Promise<string[]> {
      const result = await execa('pgrep', ['-af', stack.run], { reject: false });
      return result.stdout.split('\n').filter((line) => line && !line.includes('pgrep'));
    },

    /** Kills the service's real process with SIGKILL (for containers: the container's). */
    async killService(stack: FaultStack, name: string): Promise<void> {
      if (target.python === 'busybox') {
        const id = await containerOf(stack, name);
        await execa('docker', ['kill', '-s', 'KILL', id]);
        return;
      }
      const pids = await pidsOf(`${faultService} --name ${name} --run ${stack.run}`);
      expect(pids, `a process of ${name}`).not.toHaveLength(0);
      for (const pid of pids) process.kill(pid, 'SIGKILL');
    },

    statePath(stack: FaultStack): string {
      return join(stack.dir, '.orchgen', target.target, 'state.json');
    },
  };
}

/** `up` has recorded the service's main process in its state file. */
export function recorded(lab: FaultLab, stack: FaultStack, name: string): boolean {
  try {
    return JSON.parse(readFileSync(lab.statePath(stack), 'utf8')).services[name]?.process !== undefined;
  } catch {
    return false;
  }
}

export async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs}ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How many times the service started. */
export function startsOf(stack: FaultStack, name: string): number {
  const file = join(stack.run, `${name}.start`);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

/** The seconds an event line of `up` shows, e.g. 2.4 for `   2.4s wave 1 db: failed (...)`. */
export function eventSeconds(stdout: string, event: string): number {
  const line = stdout.split('\n').find((l) => l.includes(event));
  if (!line) throw new Error(`no event "${event}" in:\n${stdout}`);
  return Number(/^\s*([\d.]+)s /.exec(line)![1]);
}

/** Listens on 127.0.0.1:port until closed. */
export async function holdPort(port: number): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

export async function pidsOf(pattern: string): Promise<number[]> {
  const result = await execa('pgrep', ['-f', pattern], { reject: false });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

export function pidIn(file: string): number {
  return Number(readFileSync(file, 'utf8').trim());
}

export async function containerOf(stack: FaultStack, name: string, env: Record<string, string> = {}): Promise<string> {
  const filters = ['--filter', `label=com.docker.compose.project=${stack.project}`, '--filter', `label=com.docker.compose.service=${name}`];
  const result = await execa('docker', ['ps', '-a', '-q', ...filters], { env });
  return result.stdout.split('\n')[0]!;
}

/** `orchgen ARGS` in the background, its output watched as it comes. */
export function background(args: string[], env: Record<string, string>): Running {
  const child = execa('node', [cliPath, ...args], { env: { NO_COLOR: '1', ...env }, reject: false, forceKillAfterDelay: false });
  let stdout = '';
  let ended = false;
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of listeners) listener();
  });
  const result = child.then((r) => {
    ended = true;
    for (const listener of listeners) listener();
    return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  });
  return {
    waitFor(text, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no "${text}" within ${timeoutMs}ms:\n${stdout}`)), timeoutMs);
        const listener = () => {
          if (stdout.includes(text)) finish();
          else if (ended) finish(new Error(`up ended without "${text}":\n${stdout}`));
        };
        function finish(error?: Error) {
          clearTimeout(timer);
          listeners.delete(listener);
          if (error) reject(error);
          else resolve();
        }
        listeners.add(listener);
        listener();
      });
    },
    kill: (signal) => child.kill(signal),
    result,
  };
}

function specText(stack: FaultStack, python: string): string {
  const lines = ['version: 1', `project: ${stack.project}`, 'defaults:', '  restart: "no"', '  stop: {timeout: 2s}', 'services:'];
  for (const s of stack.services) {
    const port = stack.ports[s.name]!;
    lines.push(`  ${s.name}:`, ...(python === 'busybox' ? busybox(s, port, stack.run) : [`    command: ${JSON.stringify(argv(python, s, port, stack.run))}`]));
    if (s.essential === false) lines.push('    essential: false');
    if (s.restart === 'on-failure') lines.push('    restart: {policy: on-failure, delay: 500ms}');
    if (s.dependsOn?.length) lines.push(`    depends_on: ${JSON.stringify(s.dependsOn)}`);
    if (s.publishes) lines.push(`    ports: ["127.0.0.1:${port}:${port}"]`);
    const check = s.hangingExec
      ? `exec: ${JSON.stringify([python, faultService, '--probe', '--name', `${s.name}-check`, '--run', stack.run])}`
      : `http: http://127.0.0.1:${port}/health`;
    lines.push('    health:', `      ${check}`, '      interval: 200ms', `      timeout: ${s.timeout ?? '1s'}`, `      retries: ${s.retries ?? 15}`);
    if (s.startPeriod) lines.push(`      start_period: ${s.startPeriod}`);
  }
  return `${lines.join('\n')}\n`;
}

function argv(python: string, s: FaultService, port: number, run: string): string[] {
  const args = [python, faultService, '--name', s.name, '--run', run, '--port', String(port), '--delay', String(s.delay ?? 0)];
  if (s.hang) args.push('--hang');
  return args;
}

/** The same service as a busybox container: records its start, waits, then serves /health. */
function busybox(s: FaultService, port: number, run: string): string[] {
  const steps = [
    `echo "$(date +%s) $$" >> ${run}/${s.name}.start`,
    `echo "${s.name}: starting"`,
    `sleep ${s.delay ?? 0}`,
    'mkdir -p /tmp/www',
    'echo ok > /tmp/www/health',
    `exec httpd -f -p 127.0.0.1:${port} -h /tmp/www`,
  ];
  return ['    image: orchgen-test/busybox:1', `    command: ${JSON.stringify(['sh', '-c', steps.join('; ')])}`, `    volumes: [${JSON.stringify(`${run}:${run}`)}]`];
}

/** Everything of the stack is gone: by the driver's own look and by an independent one. */
export async function expectNothingLeft(lab: FaultLab, stack: FaultStack, env: Record<string, string> = {}): Promise<void> {
  expect(await lab.leftovers(stack, env)).toEqual([]);
  expect(await lab.processes(stack)).toEqual([]);
}

/**
 * Runs `body`, then `orchgen down` whatever happened, and if even that failed, stops by hand what
 * the test started for the stack, so a failed test leaves nothing behind.
 */
export async function withStack(lab: FaultLab, stack: FaultStack, env: Record<string, string>, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } finally {
    const down = await lab.cli('down', stack, env);
    if (down.code !== 0) await sweep(stack, env);
  }
}

async function sweep(stack: FaultStack, env: Record<string, string>): Promise<void> {
  const supervisord = join(stack.dir, '.orchgen', 'supervisor', 'supervisord.pid');
  const pids = [...(await pidsOf(stack.run)), ...(existsSync(supervisord) ? [pidIn(supervisord)] : [])];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const containers = await execa('docker', ['ps', '-a', '-q', '--filter', `label=com.docker.compose.project=${stack.project}`], { env, reject: false });
  for (const id of containers.stdout.split('\n').filter(Boolean)) await execa('docker', ['rm', '-f', id], { env, reject: false });
}
