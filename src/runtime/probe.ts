import { connect } from 'node:net';
import { execa } from 'execa';
import type { HealthCheck, Service } from '../model/types.js';
import type { Driver } from './driver.js';

export interface ProbeResult {
  ok: boolean;
  /** How long the probe took. */
  ms: number;
  detail: string;
}

/** One health probe: http and tcp from this host, exec where the service runs. */
export async function probe(check: HealthCheck, timeoutMs: number, service: Service, driver: Driver): Promise<ProbeResult> {
  const started = performance.now();
  const done = (ok: boolean, detail: string): ProbeResult => ({ ok, ms: Math.round(performance.now() - started), detail });
  try {
    switch (check.kind) {
      case 'http': {
        const response = await fetch(check.url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
        await response.body?.cancel();
        return done(response.status === check.status, `HTTP ${response.status}`);
      }
      case 'tcp':
        await tcpConnect(check.host, check.port, timeoutMs);
        return done(true, 'connected');
      case 'exec': {
        const argv = check.command.kind === 'exec' ? check.command.argv : ['/bin/sh', '-c', check.command.script];
        const code = await driver.exec(service, argv, timeoutMs);
        return done(code === 0, `exit ${code}`);
      }
    }
  } catch (error) {
    return done(false, (error as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs}ms` : (error as Error).message);
  }
}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer in ${timeoutMs}ms`));
    });
    socket.once('error', (error) => reject(error));
  });
}

/** Runs an exec check on this host, for process services. */
export async function execOnHost(argv: string[], timeoutMs: number, env: Record<string, string | undefined>): Promise<number> {
  const result = await execa(argv[0]!, argv.slice(1), { timeout: timeoutMs, reject: false, env, stdio: 'ignore' });
  return result.exitCode ?? 1;
}
