import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkerChannel } from './api-channel.js';
import { Pm2Error } from './api-errors.js';
import type { Pm2Process } from './api-process.js';
import { workerSource } from './api-worker.js';
import { FreshShared } from '../calls/fresh-shared.js';
import { OneAtATime } from '../calls/one-at-a-time.js';

export interface Pm2ClientOptions {
  /** The environment `pm2` would run with (default process.env): apps get it beneath their ecosystem `env`. */
  env?: Record<string, string | undefined>;
  /** The daemon's PM2_HOME (default env.PM2_HOME, else ~/.pm2, as PM2 resolves it). */
  home?: string;
  /** Where relative paths of an ecosystem file resolve (default process.cwd(), as for the CLI). */
  cwd?: string;
  /** Start a daemon when none runs (default true); otherwise connecting to none is Pm2DaemonGone. */
  startDaemon?: boolean;
  /** The time limit of connecting, which may start the daemon (default 30 s). */
  connectTimeoutMs?: number;
  /** The time limit of every other call (default 10 s). */
  timeoutMs?: number;
  /** PM2's lib/API.js to run (default: that of the pm2 package orchgen depends on). */
  apiPath?: string;
}

export interface Pm2Client {
  readonly home: string;
  /** Every process the daemon knows (`pm2 jlist`). */
  list(): Promise<Pm2Process[]>;
  /** The first process of that name, or undefined. */
  describe(name: string): Promise<Pm2Process | undefined>;
  /**
   * `pm2 start ecosystemFile --only app`, with PM2_DISCRETE_MODE as orchgen runs it: the app gets
   * the client's environment beneath the ecosystem's `env`; an app of that name already listed is
   * restarted. Rejects when PM2 started no app of that name.
   */
  start(ecosystemFile: string, only: string): Promise<void>;
  /**
   * `pm2 delete name` (a name no app has is also tried as a namespace); false when nothing matched.
   * `stopTimeoutMs`: how long the app may take to stop, on top of the call's own time limit.
   */
  delete(name: string, stopTimeoutMs?: number): Promise<boolean>;
  /** Resolves when the daemon answers. */
  ping(): Promise<void>;
  /** Closes the connection; the daemon and its apps keep running. */
  disconnect(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/**
 * Connects to the PM2 daemon of a PM2_HOME through PM2's programmatic API, starting the daemon if
 * needed: each call is one message to the daemon, no `pm2` process spawned. PM2's API runs in a
 * worker thread of its own (see api-worker.ts), so the caller's process.env is never read or
 * written after this call, and clients of different homes can live in one process.
 */
export async function connectPm2(options: Pm2ClientOptions = {}): Promise<Pm2Client> {
  const env = options.env ?? process.env;
  const home = options.home ?? env.PM2_HOME ?? join(homedir(), '.pm2');
  const worker = new Worker(workerSource, {
    eval: true,
    env: definedOnly({ ...env, PM2_HOME: home, PM2_DISCRETE_MODE: 'true' }),
    workerData: { apiPath: options.apiPath ?? createRequire(import.meta.url).resolve('pm2/lib/API.js'), home, cwd: options.cwd ?? process.cwd() },
  });
  const channel = new WorkerChannel(worker, home);
  // After the listeners: adding one refs the worker's port again.
  worker.unref();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    await channel.call('connect', [options.startDaemon ?? true], options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  const processes = new FreshShared(async () => (await channel.call('list', [], timeoutMs)) as Pm2Process[]);
  const list = () => processes.get();
  // starts and deletes, one at a time: each call's time limit runs from when the daemon gets it
  const changes = new OneAtATime();
  return {
    home,
    list,
    async describe(name) {
      return (await list()).find((process) => process.name === name);
    },
    async start(ecosystemFile, only) {
      const { started, printed } = (await changes.run(() => channel.call('start', [ecosystemFile, only], timeoutMs))) as { started: string[]; printed: string };
      if (!started.includes(only)) throw new Pm2Error('start', `no app ${only} started from ${ecosystemFile}${printed.trim() ? `:\n${printed.trim()}` : ''}`);
    },
    async delete(name, stopTimeoutMs = 0) {
      return (await changes.run(() => channel.call('delete', [name], timeoutMs + stopTimeoutMs))) as boolean;
    },
    async ping() {
      await channel.call('ping', [], timeoutMs);
    },
    async disconnect() {
      await channel.call('disconnect', [], 1_000).catch(() => undefined);
      channel.close('the client is disconnected');
      await worker.terminate();
    },
  };
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
