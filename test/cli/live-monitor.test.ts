import { expect, test } from 'vitest';
import { monitorLines } from '../../src/cli/live/monitor-lines.js';
import type { Fallback } from '../../src/model/types.js';
import { MonitorState, type Clocks } from '../../src/runtime/monitor/state.js';
import { modelOf, spec } from '../helpers.js';

const yaml = spec(
  'version: 1',
  'project: shop',
  'monitor: { circuit_breaker: { failures: 2, open_for: 30s } }',
  'services:',
  '  db:',
  '    command: [./db]',
  '    health: { tcp: "127.0.0.1:5432", retries: 1 }',
  '  cache:',
  '    command: [./cache]',
  '  api:',
  '    command: [./api]',
  '    depends_on: [db, cache]',
  '    health: { http: "http://127.0.0.1:8080/health" }',
);

test('the monitor view: each service under its wave with its checks, breaker, uptime, variant and recoveries, then the stack', () => {
  const { model, plan } = modelOf(yaml, ['supervisor']);
  const clocks: Clocks = { now: () => 0, wall: () => new Date(0) };
  const state = new MonitorState(model!, plan!, 'supervisor', clocks);
  const watch = (name: string) => state.watch(name)!;
  watch('db').record({ ok: true, at: 1_000, responseMs: 4.4 });
  watch('db').record({ ok: true, at: 2_000, responseMs: 6 });
  watch('api').record({ ok: true, at: 1_000, responseMs: 12 });
  watch('api').record({ ok: false, at: 3_000, responseMs: 1_000, error: 'HTTP 503' });
  watch('api').record({ ok: false, at: 4_000, responseMs: 1_000, error: 'HTTP 503' });
  state.log.begin('api', 'its breaker opened', new Date(4_000));
  const variants = new Map<string, Fallback | undefined>([['api', { name: 'slim' } as Fallback]]);
  expect(monitorLines(state, variants, 5_000)).toEqual([
    '  SERVICE  HEALTH        BREAKER    CHECKS  FAILED  LAST    UPTIME  VARIANT  RECOVERIES',
    'wave 1',
    '  db       healthy       closed     2       0       6ms     100%    -        0',
    '  cache    unknown       closed     0       0       -       100%    -        0',
    'wave 2',
    '  api      circuit_open  open       3       2       1000ms  100%    slim     1           HTTP 503',
    'shop on supervisor: unhealthy (score 33.3)',
  ]);
  expect(monitorLines(state, variants, 5_000, 30)[5]).toBe('  api      circuit_open  open');
});
