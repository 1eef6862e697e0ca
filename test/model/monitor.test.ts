import { expect, test } from 'vitest';
import { diagnose, modelOf, spec } from '../helpers.js';

const services = [
  'services:',
  '  db:',
  '    image: postgres:16',
  '    health: { tcp: "127.0.0.1:5432", interval: 2s }',
  '  api:',
  '    command: [./api]',
  '    depends_on: [db]',
];

test('without a monitor block: loopback, the token variable and the built-in policy; the interval is the health check\'s', () => {
  const model = modelOf(spec('version: 1', 'project: demo', ...services)).model!;
  expect(model.monitor).toEqual({ listen: { host: '127.0.0.1', port: 9786 }, tokenEnv: 'ORCHGEN_MONITOR_TOKEN', readOnly: false });
  expect(model.services.map((s) => s.monitor)).toEqual([
    {
      intervalMs: 2_000,
      breaker: { failures: 5, successes: 2, openForMs: 60_000 },
      recovery: { attempts: 3, delayMs: 5_000, backoff: 2, maxDelayMs: 60_000, resetAfterMs: 300_000, restartDependents: true },
    },
    {
      intervalMs: 10_000,
      breaker: { failures: 5, successes: 2, openForMs: 60_000 },
      recovery: { attempts: 3, delayMs: 5_000, backoff: 2, maxDelayMs: 60_000, resetAfterMs: 300_000, restartDependents: true },
    },
  ]);
});

test('a service\'s own monitor block goes over the stack\'s, key by key', () => {
  const model = modelOf(
    spec(
      'version: 1',
      'project: demo',
      'monitor:',
      '  listen: "[::1]:9100"',
      '  token_env: DEMO_TOKEN',
      '  read_only: true',
      '  interval: 15s',
      '  circuit_breaker: { failures: 3, open_for: 30s }',
      '  recovery: { attempts: 5, restart_dependents: false }',
      ...services,
      '    monitor:',
      '      interval: 1s',
      '      circuit_breaker: { successes: 4 }',
      '      recovery: { delay: 1s, backoff: 1, max_delay: 10s, reset_after: 1m }',
    ),
  ).model!;
  expect(model.monitor).toEqual({ listen: { host: '::1', port: 9100 }, tokenEnv: 'DEMO_TOKEN', readOnly: true });
  const [db, api] = model.services;
  expect(db!.monitor).toEqual({
    intervalMs: 15_000,
    breaker: { failures: 3, successes: 2, openForMs: 30_000 },
    recovery: { attempts: 5, delayMs: 5_000, backoff: 2, maxDelayMs: 60_000, resetAfterMs: 300_000, restartDependents: false },
  });
  expect(api!.monitor).toEqual({
    intervalMs: 1_000,
    breaker: { failures: 3, successes: 4, openForMs: 30_000 },
    recovery: { attempts: 5, delayMs: 1_000, backoff: 1, maxDelayMs: 10_000, resetAfterMs: 60_000, restartDependents: false },
  });
});

test('a wrong monitor block gets positioned errors, all at once', () => {
  const errors = diagnose(
    spec('version: 1', 'project: demo', 'monitor:', '  listen: 9786', '  circuit_breaker: { failure: 3 }', '  recovery: { backoff: 0.5 }', ...services),
  );
  expect(errors).toEqual([
    'orchgen.yaml:4:11: error[E103]: `monitor.listen` must be a string, not the number 9786',
    'orchgen.yaml:5:22: error[E101]: unknown key `failure` in `monitor.circuit_breaker`',
    '  hint: did you mean `failures`?',
    'orchgen.yaml:6:24: error[E109]: `monitor.recovery.backoff` must be at least 1, not the number 0.5',
  ]);
});
