import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../../src/runtime/monitor/breaker.js';
import { fuzzRun } from '../../fuzz/seed.js';

const settings = { failures: 5, successes: 2, openForMs: 60_000 };

describe('circuit breaker', () => {
  it('opens after the fifth failure in a row, not before', () => {
    const breaker = new CircuitBreaker(settings);
    for (let i = 1; i <= 4; i++) expect(breaker.record(false, i)).toBe('closed');
    expect(breaker.record(false, 5)).toBe('open');
    expect(breaker.allows(5)).toBe(false);
  });

  it('a success in between starts the count again', () => {
    const breaker = new CircuitBreaker(settings);
    for (let i = 1; i <= 4; i++) breaker.record(false, i);
    breaker.record(true, 5);
    for (let i = 6; i <= 9; i++) expect(breaker.record(false, i)).toBe('closed');
    expect(breaker.record(false, 10)).toBe('open');
  });

  it('lets no probe through while open, then half-opens when its time is up', () => {
    const breaker = new CircuitBreaker(settings);
    for (let i = 0; i < 5; i++) breaker.record(false, 1_000);
    expect(breaker.reopensAt(1_000)).toBe(61_000);
    expect(breaker.allows(60_999)).toBe(false);
    expect(breaker.record(true, 30_000)).toBe('open');
    expect(breaker.state(61_000)).toBe('half_open');
    expect(breaker.allows(61_000)).toBe(true);
  });

  it('half-open: two successes close it, one failure opens it again', () => {
    const open = (): CircuitBreaker => {
      const breaker = new CircuitBreaker(settings);
      for (let i = 0; i < 5; i++) breaker.record(false, 0);
      return breaker;
    };
    const closing = open();
    expect(closing.record(true, 60_000)).toBe('half_open');
    expect(closing.record(true, 61_000)).toBe('closed');
    const reopening = open();
    expect(reopening.record(true, 60_000)).toBe('half_open');
    expect(reopening.record(false, 61_000)).toBe('open');
    expect(reopening.reopensAt(61_000)).toBe(121_000);
  });

  it('never allows a probe in the open window and always reopens after it (property)', () => {
    const { seed, numRuns } = fuzzRun('circuit breaker windows', 300);
    const events = fc.array(fc.record({ ok: fc.boolean(), gap: fc.integer({ min: 0, max: 90_000 }) }), { maxLength: 60 });
    fc.assert(
      fc.property(events, (steps) => {
        const breaker = new CircuitBreaker(settings);
        let now = 0;
        let openedAt: number | undefined;
        for (const { ok, gap } of steps) {
          now += gap;
          const inWindow = openedAt !== undefined && now < openedAt + settings.openForMs;
          expect(breaker.allows(now)).toBe(!inWindow);
          if (!inWindow) openedAt = undefined;
          const before = breaker.state(now);
          const after = breaker.record(ok, now);
          if (before !== 'open' && after === 'open') openedAt = now;
          if (before === 'half_open' && !ok) expect(after).toBe('open');
        }
      }),
      { seed, numRuns },
    );
  });
});
