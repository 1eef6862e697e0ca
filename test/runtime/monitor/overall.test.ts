import { expect, it } from 'vitest';
import { healthScore, overallHealth, type ServiceStanding } from '../../../src/runtime/monitor/overall.js';

const ok = (essential: boolean): ServiceStanding => ({ essential, health: 'healthy', breaker: 'closed' });

it('is unhealthy when an essential service is not healthy, degraded for an optional one or a breaker', () => {
  expect(overallHealth([ok(true), ok(false)])).toBe('healthy');
  expect(overallHealth([ok(true), { essential: false, health: 'unhealthy', breaker: 'closed' }])).toBe('degraded');
  expect(overallHealth([ok(true), { essential: false, health: 'healthy', breaker: 'half_open' }])).toBe('degraded');
  expect(overallHealth([{ essential: true, health: 'circuit_open', breaker: 'open' }, ok(false)])).toBe('unhealthy');
  expect(overallHealth([{ essential: true, health: 'unknown', breaker: 'closed' }])).toBe('unhealthy');
});

it('scores essential services twice as much as optional ones', () => {
  expect(healthScore([ok(true), ok(false)])).toBe(100);
  expect(healthScore([ok(true), { essential: false, health: 'unhealthy', breaker: 'closed' }])).toBe(66.7);
  expect(healthScore([{ essential: true, health: 'unhealthy', breaker: 'closed' }, ok(false)])).toBe(33.3);
  expect(healthScore([{ essential: true, health: 'healthy', breaker: 'half_open' }])).toBe(50);
  expect(healthScore([])).toBe(100);
});
