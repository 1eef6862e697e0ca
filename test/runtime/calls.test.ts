import { describe, expect, it } from 'vitest';
import { FreshShared } from '../../src/runtime/calls/fresh-shared.js';
import { OneAtATime } from '../../src/runtime/calls/one-at-a-time.js';

/** A call that resolves when told to, recording when it was sent. */
function controlled() {
  const sent: number[] = [];
  const pending: Array<(value: number) => void> = [];
  const fetch = () => {
    sent.push(sent.length + 1);
    const n = sent.length;
    return new Promise<number>((resolve) => pending.push(() => resolve(n)));
  };
  // long enough for the next request, which waits as long as the last one took (here, about nothing)
  const answer = async () => {
    pending.shift()!(0);
    await new Promise((r) => setTimeout(r, 20));
  };
  return { sent, fetch, answer };
}

describe('FreshShared', () => {
  it('sends the next request no sooner after the last one than that one took', async () => {
    const sentAt: number[] = [];
    const shared = new FreshShared(() => {
      sentAt.push(Date.now());
      return new Promise<number>((resolve) => setTimeout(() => resolve(sentAt.length), 100));
    });
    expect(await shared.get()).toBe(1);
    const answeredAt = Date.now();
    expect(await shared.get()).toBe(2);
    expect(sentAt[1]! - answeredAt).toBeGreaterThanOrEqual(90);
  });

  it('one request for every caller while none is in flight', async () => {
    const c = controlled();
    const shared = new FreshShared(c.fetch);
    const first = shared.get();
    await c.answer();
    expect(await first).toBe(1);
    expect(c.sent).toEqual([1]);
  });

  it('callers during a request share the next one, sent only after it: no answer older than its question', async () => {
    const c = controlled();
    const shared = new FreshShared(c.fetch);
    const first = shared.get();
    const during = [shared.get(), shared.get(), shared.get()];
    expect(c.sent).toEqual([1]);
    await c.answer();
    expect(c.sent).toEqual([1, 2]);
    await c.answer();
    expect([await first, ...(await Promise.all(during))]).toEqual([1, 2, 2, 2]);
  });

  it('a failed request fails its callers, and the next caller sends a new one', async () => {
    let calls = 0;
    const shared = new FreshShared(() => (++calls === 1 ? Promise.reject(new Error('gone')) : Promise.resolve(calls)));
    await expect(shared.get()).rejects.toThrow('gone');
    expect(await shared.get()).toBe(2);
  });
});

describe('OneAtATime', () => {
  it('sends each call once the one before has answered, failed or not', async () => {
    const queue = new OneAtATime();
    const log: string[] = [];
    const call = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
    const results = await Promise.allSettled([queue.run(call('a', 30)), queue.run(call('b', 5, true)), queue.run(call('c', 1))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
