import { expect, it } from 'vitest';
import { ServiceHealth } from '../../../src/runtime/monitor/service-health.js';

it('is unknown before any check, healthy after a success, unhealthy after `retries` failures in a row', () => {
  const health = new ServiceHealth(3);
  expect(health.snapshot(0, 'closed').health).toBe('unknown');
  health.record({ ok: true, at: 0, responseMs: 4 });
  health.record({ ok: false, at: 1_000, responseMs: 9, error: 'HTTP 500' });
  health.record({ ok: false, at: 2_000, responseMs: 9, error: 'HTTP 500' });
  expect(health.snapshot(2_000, 'closed')).toMatchObject({ health: 'healthy', consecutiveFailures: 2, errorMessage: 'HTTP 500' });
  health.record({ ok: false, at: 3_000, responseMs: 7, error: 'connection refused' });
  expect(health.snapshot(3_000, 'closed')).toEqual({
    health: 'unhealthy',
    lastCheckAt: 3_000,
    responseTimeMs: 7,
    errorMessage: 'connection refused',
    consecutiveFailures: 3,
    totalChecks: 4,
    successfulChecks: 1,
    uptimePercentage: 100,
  });
});

it('counts uptime as the time judged healthy since the first check', () => {
  const health = new ServiceHealth(1);
  health.record({ ok: true, at: 0, responseMs: 1 });
  health.record({ ok: false, at: 3_000, responseMs: 1 });
  health.record({ ok: true, at: 4_000, responseMs: 1 });
  // healthy 0–3 s and 4–8 s of 8 s
  expect(health.snapshot(8_000, 'closed').uptimePercentage).toBe(87.5);
  expect(health.snapshot(8_000, 'closed').errorMessage).toBeUndefined();
});

it('shows an open breaker as circuit_open', () => {
  const health = new ServiceHealth(1);
  health.record({ ok: false, at: 0, responseMs: 1 });
  expect(health.snapshot(0, 'open').health).toBe('circuit_open');
  expect(health.snapshot(0, 'half_open').health).toBe('unhealthy');
});
