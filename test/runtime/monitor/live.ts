/**
 * The monitor on a real tool: a three-service chain (db ← api ← web) of local HTTP servers brought
 * up by `orchgen up`, then watched by `orchgen monitor` (the built CLI). What happens is read from
 * the servers' own logs, the tool's status and the monitor's API, never from its state alone.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { until as pollUntil } from '../../conformance/look.js';
import { freePort } from '../stack.js';

export const serverScript = new URL('./fixture/server.py', import.meta.url).pathname;
const cli = join(process.cwd(), 'dist/cli/main.js');
export const token = 'monitor-test-token';

export interface LiveStack {
  dir: string;
  run: string;
  spec: string;
  api: string;
  ports: Record<string, number>;
  flags: string[];
}

/** A container image to run the servers in (on the host's network), instead of host processes. */
export interface InImage {
  image: string;
}

export async function writeLiveStack(project: string, python: string, extra: (dir: string) => string, inImage?: InImage, root = tmpdir()): Promise<LiveStack> {
  const dir = mkdtempSync(join(root, `orchgen-${project}-`));
  const run = join(dir, 'run');
  await execa('mkdir', ['-p', run]);
  const names = ['db', 'api', 'web'];
  const ports: Record<string, number> = {};
  for (const name of names) ports[name] = await freePort();
  const apiPort = await freePort();
  const lines = [
    'version: 1',
    `project: ${project}`,
    'defaults:',
    '  restart: "no"',
    '  stop: { timeout: 3s }',
    `monitor: { listen: "127.0.0.1:${apiPort}", interval: 500ms, circuit_breaker: { failures: 5, successes: 2, open_for: 3s }, recovery: { attempts: 2, delay: 200ms, backoff: 1, max_delay: 1s } }`,
    'services:',
  ];
  names.forEach((name, index) => {
    lines.push(`  ${name}:`);
    if (inImage) {
      lines.push(`    image: ${inImage.image}`, '    network: host', `    volumes: ${JSON.stringify([`${dirname(serverScript)}:/fixture:ro`, `${run}:/run/monitor-test`])}`);
      lines.push(`    command: ${JSON.stringify(['python3', `/fixture/${basename(serverScript)}`, name, String(ports[name]), '/run/monitor-test'])}`);
    } else {
      lines.push(`    command: ${JSON.stringify([python, serverScript, name, String(ports[name]), run])}`);
    }
    if (index > 0) lines.push(`    depends_on: [${names[index - 1]}]`);
    if (name === 'web') lines.push('    essential: false', '    monitor: { recovery: { attempts: 1 } }');
    lines.push(`    health: { http: "http://127.0.0.1:${ports[name]}/health", interval: 500ms, timeout: 1s, retries: 1, start_period: 5s }`);
  });
  const spec = join(dir, 'orchgen.yaml');
  writeFileSync(spec, `${lines.join('\n')}\n${extra(dir)}`);
  return { dir, run, spec, api: `http://127.0.0.1:${apiPort}`, ports, flags: ['-f', spec, '--state-dir', join(dir, 'state')] };
}

export function orchgen(args: string[], env: Record<string, string> = {}) {
  return execa('node', [cli, ...args], { reject: false, env: { ...env, NO_COLOR: '1' }, all: true });
}

export function startMonitor(stack: LiveStack, target: string, env: Record<string, string> = {}): ResultPromise {
  return execa('node', [cli, 'monitor', '-t', target, ...stack.flags], { reject: false, all: true, env: { ...env, ORCHGEN_MONITOR_TOKEN: token } });
}

export interface WatchedStack {
  stack: LiveStack;
  monitor: ResultPromise;
  /** Stops the monitor, brings the stack down and removes its folder. */
  stop(): Promise<void>;
}

/** The stack up on supervisord (its logs in its folder) and watched by `orchgen monitor`, every service healthy in it. */
export async function watchedOnSupervisor(project: string): Promise<WatchedStack> {
  const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();
  const stack = await writeLiveStack(project, python, (dir) => `targets:\n  supervisor: {log_dir: ${dir}/logs}\n`);
  let monitor: ResultPromise | undefined;
  const stop = async () => {
    monitor?.kill('SIGTERM');
    await monitor;
    await orchgen(['down', '-t', 'supervisor', ...stack.flags]);
    cleanup(stack);
  };
  try {
    const up = await orchgen(['up', '-t', 'supervisor', ...stack.flags]);
    if (up.exitCode !== 0) throw new Error(`orchgen up failed:\n${up.all}`);
    monitor = startMonitor(stack, 'supervisor');
    await until('every service healthy in the monitor', 20_000, async () => ((await getJson<{ overall_health: string }>(stack, '/health/status')).overall_health === 'healthy' ? true : undefined));
    return { stack, monitor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface ServerLog {
  starts: Array<{ at: number; pid: number }>;
  /** `monitor`: sent by Node's fetch (the monitor); `other`: anything else (Docker's own health check). */
  probes: Array<{ at: number; status: number; from: 'monitor' | 'other' }>;
}

export function serverLog(stack: LiveStack, name: string): ServerLog {
  const file = join(stack.run, `${name}.log`);
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  const starts = lines.filter((l) => l.startsWith('start ')).map((l) => ({ at: Number(l.split(' ')[1]), pid: Number(l.split(' ')[2]) }));
  const probes = lines
    .filter((l) => l.startsWith('probe '))
    .map((l) => ({ at: Number(l.split(' ')[1]), status: Number(l.split(' ')[2]), from: l.split(' ')[3] === 'node' ? ('monitor' as const) : ('other' as const) }));
  return { starts, probes };
}

export function setSick(stack: LiveStack, name: string, sick: boolean): void {
  const file = join(stack.run, `${name}.sick`);
  if (sick) writeFileSync(file, '');
  else if (existsSync(file)) unlinkSync(file);
}

export async function getJson<T>(stack: LiveStack, path: string): Promise<T> {
  const response = await fetch(`${stack.api}${path}`);
  return (await response.json()) as T;
}

export async function metricsText(stack: LiveStack): Promise<string> {
  return (await fetch(`${stack.api}/metrics`)).text();
}

/** Polls `look` until it gives a value, for at most `ms`; a look that throws (the API not listening yet) counts as none. */
export function until<T>(what: string, ms: number, look: () => Promise<T | undefined> | T | undefined): Promise<T> {
  return pollUntil(what, () => Promise.resolve(look()).catch(() => undefined), ms);
}

export function cleanup(stack: LiveStack): void {
  rmSync(stack.dir, { recursive: true, force: true });
}
