import { expect, test } from 'vitest';
import { RoundPace } from '../../src/runtime/round-pace.js';

test('a few waits go every 50 ms; many share about 200 rounds a second; leaving twice counts once', () => {
  const pace = new RoundPace();
  const leaves = Array.from({ length: 100 }, () => pace.enter());
  expect(pace.intervalMs()).toBe(500);
  for (const leave of leaves.slice(0, 90)) leave();
  expect(pace.intervalMs()).toBe(50);
  leaves[0]!();
  expect(pace.intervalMs()).toBe(50);
  const more = Array.from({ length: 30 }, () => pace.enter());
  expect(pace.intervalMs()).toBe(200);
  for (const leave of [...more, ...leaves.slice(90)]) leave();
  expect(pace.intervalMs()).toBe(50);
});
