/**
 * The shared checks judge recorded runs: each one holds on a run that behaved and fails on one that
 * did not (so none of them can pass whatever happens). The runs here are written by hand.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceEvent } from './events.js';
import { CHECKS, type CheckId } from './checks.js';
import type { Observations } from './scenario.js';
import type { Seen } from './look.js';

const T = 1_000_000;
const ev = (event: ServiceEvent['event'], at: number, detail = ''): ServiceEvent => ({ event, time: T + at, pid: 1, detail });
const seen = (...running: string[]): Seen => ({ processes: new Map(running.map((s) => [s, [1]])), containers: [] });
const env = JSON.stringify({ API_TOKEN: 'token with $dollar, %percent ;semi #hash', API_SECRET: 's3cret \'quoted\' "double"' });

/** A run that did everything the spec says. */
function goodRun(): Observations {
  return {
    stack: { project: 'p', dir: '/d', spec: '/d/orchgen.yaml', out: '/d/out', run: '/d/run', env: {} },
    build: { exitCode: 0, output: '' },
    start: { exitCode: 0, output: '' },
    settled: seen('store', 'api', 'worker'),
    volume: { name: 'p_data', exists: true, mountedBy: ['p-store'] },
    crash: { at: T + 30, after: seen('store', 'api', 'worker') },
    beforeStop: seen('store', 'api', 'worker'),
    stop: { exitCode: 0, output: '', began: T + 40, took: 5 },
    vanished: { worker: T + 40.5, api: T + 40.9, store: T + 43, flaky: T + 40, nccl: T + 40 },
    afterStop: seen(),
    events: {
      store: [ev('start', 0), ev('ready', 4), ev('start', 33.2), ev('ready', 37.2), ev('term', 41, 'SIGTERM')],
      api: [ev('start', 5), ev('env', 5, env), ev('ready', 6), ev('term', 40.55, 'SIGTERM'), ev('exit', 40.85)],
      worker: [ev('start', 7), ev('ready', 7), ev('term', 40, 'SIGTERM'), ev('exit', 40.3)],
      flaky: [ev('start', 0), ev('crash', 2, '1'), ev('start', 3), ev('crash', 5, '1'), ev('start', 6), ev('crash', 8, '1')],
      nccl: [ev('start', 0), ev('crash', 0, '1')],
      'nccl-fallback': [],
    },
  };
}

/** For each check, a change to the good run that breaks it. */
const breaks: Record<CheckId, (o: Observations) => void> = {
  'start-order': (o) => o.events.api!.splice(0, 1, ev('start', 1)),
  'crash-restart': (o) => (o.events.store = o.events.store!.filter((e) => e.time < T + 30)),
  'restart-delay': (o) => o.events.store!.splice(2, 1, ev('start', 30.2)),
  'dependents-kept': (o) => o.events.worker!.push(ev('start', 31)),
  'max-attempts': (o) => o.events.flaky!.push(ev('start', 9)),
  'stop-order': (o) => o.events.store!.splice(4, 1, ev('term', 40.1, 'SIGTERM')),
  'stop-timeout': (o) => (o.vanished.store = T + 50),
  'nothing-left': (o) => o.afterStop.containers.push({ name: 'p-store', state: 'exited' }),
  env: (o) => o.events.api!.splice(1, 1, ev('env', 5, JSON.stringify({ API_TOKEN: 'token with ', API_SECRET: null }))),
  'named-volume': (o) => (o.volume = { name: 'p_data', exists: false, mountedBy: [] }),
  'failed-start': (o) => o.events.nccl!.push(ev('start', 1)),
};

describe('conformance checks', () => {
  for (const check of CHECKS) {
    it(`${check.id}: holds on a run that behaved, fails on one that did not`, () => {
      expect(check.judge(goodRun())).toMatchObject({ holds: true });
      const bad = goodRun();
      breaks[check.id](bad);
      expect(check.judge(bad)).toMatchObject({ holds: false });
    });
  }

  it('a check that could not see the behaviour says so, so a documented difference is not taken for seen', () => {
    const run = goodRun();
    run.events.api = [];
    run.events.store = run.events.store!.filter((e) => e.time < T + 30);
    const judged = Object.fromEntries(CHECKS.map((c) => [c.id, c.judge(run)]));
    expect(judged['start-order']).toMatchObject({ holds: false, missing: true });
    expect(judged['restart-delay']).toMatchObject({ holds: false, missing: true });
    const notRunning = goodRun();
    notRunning.beforeStop.processes.delete('store');
    expect(CHECKS.find((c) => c.id === 'stop-order')!.judge(notRunning)).toMatchObject({ holds: false, missing: true });
  });
});
