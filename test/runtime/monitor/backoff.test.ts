import { expect, it } from 'vitest';
import { RecoveryBudget } from '../../../src/runtime/monitor/backoff.js';

const settings = { attempts: 3, delayMs: 1_000, backoff: 2, maxDelayMs: 3_000, resetAfterMs: 300_000 };

it('waits delay × backoff^n, at most max_delay, and is used up after the attempts', () => {
  const budget = new RecoveryBudget(settings);
  const delays: number[] = [];
  while (!budget.exhausted()) {
    delays.push(budget.nextDelayMs());
    budget.begin(0);
  }
  expect(delays).toEqual([1_000, 2_000, 3_000]);
  expect(budget.used).toBe(3);
});

it('forgives the attempts only after a stable period since the last one', () => {
  const budget = new RecoveryBudget(settings);
  budget.begin(10_000);
  budget.begin(20_000);
  budget.healthyAt(319_999);
  expect(budget.used).toBe(2);
  budget.healthyAt(320_000);
  expect(budget.used).toBe(0);
  expect(budget.nextDelayMs()).toBe(1_000);
});
