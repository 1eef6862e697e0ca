import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { compileText } from '../../src/pipeline/compile.js';
import type { Service } from '../../src/model/types.js';
import type { Driver, ServiceState } from '../../src/runtime/driver.js';
import { waitReady } from '../../src/runtime/readiness.js';

/** Ports of this file (the runtime suites' range is 19350-19399). */
const LATE_PORT = 19380;
const SLOW_PORT = 19381;
const COUNTED_PORT = 19383;
const GATED_PORT = 19384;

function serviceWith(health: string): Service {
  const text = `version: 1\nproject: rd\nservices:\n  web:\n    command: ["sleep", "100"]\n${health}`;
  const compiled = compileText('orchgen.yaml', text, ['supervisor']);
  return compiled.model!.services[0]!;
}

function httpService(port: number): Service {
  return serviceWith(`    health:\n      http: http://127.0.0.1:${port}/health\n      interval: 5s\n      timeout: 1s\n      retries: 3\n`);
}

/** orchgen's side of a supervisor that reports what `current` says; readiness asks nothing else. */
function reporting(current: () => ServiceState): Driver {
  return { target: 'supervisor', state: async () => current() } as Partial<Driver> as Driver;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function listen(port: number, handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(performance.now())));
}

describe('waitReady while a service comes up', () => {
  test('a server that starts answering 1.5 s into the wait is seen healthy within 300 ms, though its configured interval is 5 s', async () => {
    const service = httpService(LATE_PORT);
    const waiting = waitReady(service, 'healthy', reporting(() => ({ running: true, restarts: 0 })), new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const listening = await listen(LATE_PORT, (_req, res) => res.end('ok'));
    const readiness = await waiting;
    const seen = performance.now();
    expect(readiness.ok).toBe(true);
    // One 50 ms round and one probe; the rest is margin for a CPU-starved machine (217 ms seen at a
    // load of 8 on 2 cores). Probes backing off towards the interval would come ~580 ms late here.
    expect(seen - listening).toBeLessThan(300);
  });

  test('a probe slower than the start interval never overlaps the next, which waits at least its duration', async () => {
    const service = httpService(SLOW_PORT);
    const probes: Array<{ start: number; end: number }> = [];
    await listen(SLOW_PORT, (_req, res) => {
      const probe = { start: performance.now(), end: 0 };
      probes.push(probe);
      setTimeout(() => {
        res.statusCode = 503;
        res.end();
        probe.end = performance.now();
      }, 150);
    });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 1_500);
    const readiness = await waitReady(service, 'healthy', reporting(() => ({ running: true, restarts: 0 })), stop.signal);
    expect(readiness).toMatchObject({ ok: false, why: 'interrupted' });
    const finished = probes.filter((probe) => probe.end > 0);
    expect(finished.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < finished.length; i++) {
      const previous = finished[i - 1]!;
      // The server sees each probe a little after the client starts it and before it ends: 10 ms of slack.
      expect(finished[i]!.start).toBeGreaterThanOrEqual(previous.end + (previous.end - previous.start) - 10);
    }
  });

  test('each probe of the wait is told, in order, with its verdict', async () => {
    let answered = 0;
    await listen(COUNTED_PORT, (_req, res) => {
      res.statusCode = ++answered > 2 ? 200 : 503;
      res.end();
    });
    const seen: boolean[] = [];
    const readiness = await waitReady(httpService(COUNTED_PORT), 'healthy', reporting(() => ({ running: true, restarts: 0 })), new AbortController().signal, (probed) => seen.push(probed.ok));
    expect(readiness.ok).toBe(true);
    expect(seen).toEqual([false, false, true]);
  });

  test('a service without a check is started only once its supervisor counts it as started (startsecs), and has stayed up', async () => {
    const service = serviceWith('');
    const began = performance.now();
    const current = (): ServiceState => ({ running: true, restarts: 0, ...(performance.now() - began < 800 ? { starting: true } : {}) });
    const readiness = await waitReady(service, 'started', reporting(current), new AbortController().signal);
    expect(readiness.ok).toBe(true);
    expect(performance.now() - began).toBeGreaterThanOrEqual(800);
  });

  test('a passing probe waits for the tool\'s own gate (systemd\'s ExecStartPost= wait): healthy is healthy to the tool too', async () => {
    await listen(GATED_PORT, (_req, res) => res.end('ok'));
    const began = performance.now();
    const current = (): ServiceState => ({ running: true, restarts: 0, ...(performance.now() - began < 800 ? { gated: true } : {}) });
    const readiness = await waitReady(httpService(GATED_PORT), 'healthy', reporting(current), new AbortController().signal);
    expect(readiness.ok).toBe(true);
    expect(performance.now() - began).toBeGreaterThanOrEqual(800);
  });

  test('the tool\'s own health counts: a service its tool reports healthy is ready although the probe fails', async () => {
    const service = httpService(SLOW_PORT + 1);
    const readiness = await waitReady(service, 'healthy', reporting(() => ({ running: true, restarts: 0, health: 'healthy' })), new AbortController().signal);
    expect(readiness.ok).toBe(true);
  });
});
