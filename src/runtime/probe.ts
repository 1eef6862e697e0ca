import { connect } from 'node:net';
import { execa } from 'execa';
import type { HealthCheck, Service } from '../model/types.js';
import type { Driver } from './driver.js';

export interface ProbeResult {
  ok: boolean;
  /** How long the probe took. */
  ms: number;
  detail: string;
  /** It got no answer within its timeout. */
  timedOut: boolean;
}

/** The exit code of a check command that ran out of time (as timeout(1) gives it). */
export const execTimedOut = 124;
/** Past its timeout, a probe is given up on this much later even if its transport still hangs. */
const hardStopMs = 250;

/**
 * One health probe: http and tcp from this host, exec where the service runs. It settles within
 * its timeout (and a little more, whatever the transport does): a check that hangs cannot hold
 * anything up.
 */
export function probe(check: HealthCheck, timeoutMs: number, service: Service, driver: Driver): Promise<ProbeResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(() => resolve(noAnswer(timeoutMs, started)), timeoutMs + hardStopMs);
  });
  return Promise.race([attempt(check, timeoutMs, service, driver, started), late]).finally(() => clearTimeout(timer));
}

/** A check as a user names it: its URL, `tcp host:port`, or its command. */
export function checkText(check: HealthCheck): string {
  switch (check.kind) {
    case 'http':
      return check.url;
    case 'tcp':
      return `tcp ${check.host}:${check.port}`;
    case 'exec':
      return check.command.kind === 'exec' ? check.command.argv.join(' ') : check.command.script;
  }
}

async function attempt(check: HealthCheck, timeoutMs: number, service: Service, driver: Driver, started: number): Promise<ProbeResult> {
  const done = (ok: boolean, detail: string): ProbeResult => ({ ok, ms: Math.round(performance.now() - started), detail, timedOut: false });
  try {
    switch (check.kind) {
      case 'http': {
        const response = await fetch(check.url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
        await drain(response.body);
        return done(response.status === check.status, `HTTP ${response.status}`);
      }
      case 'tcp':
        await tcpConnect(check.host, check.port, timeoutMs);
        return done(true, 'connected');
      case 'exec': {
        const argv = check.command.kind === 'exec' ? check.command.argv : ['/bin/sh', '-c', check.command.script];
        const code = await driver.exec(service, argv, timeoutMs);
        return code === execTimedOut ? noAnswer(timeoutMs, started) : done(code === 0, `exit ${code}`);
      }
    }
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError' || error instanceof NoAnswer;
    return timedOut ? noAnswer(timeoutMs, started) : done(false, (error as Error).message);
  }
}

/** Past this much of a health answer, the rest is cut off (as Kubernetes reads at most 10 KiB). */
const answerLimitBytes = 10 * 1024;

/**
 * The answer is read to its end rather than cut off after the headers: a server that is still
 * writing it when the connection closes logs a broken pipe, at every probe.
 */
async function drain(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  for (let read = 0; read < answerLimitBytes; ) {
    const chunk = await reader.read();
    if (chunk.done) return;
    read += chunk.value.byteLength;
  }
  await reader.cancel();
}

function noAnswer(timeoutMs: number, started: number): ProbeResult {
  return { ok: false, ms: Math.round(performance.now() - started), detail: `no answer in ${timeoutMs}ms`, timedOut: true };
}

class NoAnswer extends Error {}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new NoAnswer());
    });
    socket.once('error', (error) => reject(error));
  });
}

/**
 * Runs an exec check on this host, for process services, in a process group of its own: when it
 * runs out of time the whole group is killed, whatever the command started.
 */
export async function execOnHost(argv: string[], timeoutMs: number, env: Record<string, string | undefined>): Promise<number> {
  const child = execa(argv[0]!, argv.slice(1), { reject: false, env, stdio: 'ignore', detached: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutMs);
  const result = await child;
  clearTimeout(timer);
  return timedOut ? execTimedOut : (result.exitCode ?? 1);
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
