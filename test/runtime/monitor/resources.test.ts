/**
 * The resource sampler on real processes: a CPU-bound child carrying a service's mark is measured
 * by the kernel's own counters, and its CPU time is kept once it has exited.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, expect, it } from 'vitest';
import type { Service } from '../../../src/model/types.js';
import { emptyFootprint } from '../../../src/runtime/footprint.js';
import { ResourceSampler } from '../../../src/runtime/monitor/resources/sampler.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A node process that spins for `busyMs`, then idles holding a 64 MiB buffer, until killed. */
async function spinner(mark: string, busyMs: number): Promise<ChildProcess> {
  const script = `const b = Buffer.alloc(64 << 20, 1); const end = Date.now() + ${busyMs}; while (Date.now() < end); console.log('ready'); setInterval(() => b[0]++, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ORCHGEN_RESOURCES_TEST: mark }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await once(child.stdout!, 'data');
  return child;
}

const service = { name: 'spinner' } as Service;

it('sums the CPU and resident memory of the marked processes, and keeps the CPU of one that exited', async () => {
  const mark = `spinner-${process.pid}-${Date.now()}`;
  const sampler = new ResourceSampler(() => ({ ...emptyFootprint(), environ: [[`ORCHGEN_RESOURCES_TEST=${mark}`]] }));
  const child = await spinner(mark, 600);
  const running = (await sampler.sample([service])).get('spinner')!;
  expect(running.cpuSeconds).toBeGreaterThanOrEqual(0.4);
  expect(running.residentBytes).toBeGreaterThan(64 << 20);

  child.kill('SIGKILL');
  await once(child, 'exit');
  const gone = (await sampler.sample([service])).get('spinner')!;
  expect(gone).toEqual({ cpuSeconds: running.cpuSeconds, residentBytes: 0 });
});

it('measures nothing for a service on another machine, and zero for one with no process', async () => {
  const sampler = new ResourceSampler((s) => (s.name === 'far' ? { ...emptyFootprint(), elsewhere: 'on host h' } : { ...emptyFootprint(), environ: [['ORCHGEN_RESOURCES_TEST=none-at-all']] }));
  const measured = await sampler.sample([{ name: 'far' } as Service, { name: 'idle' } as Service]);
  expect([...measured]).toEqual([['idle', { cpuSeconds: 0, residentBytes: 0 }]]);
});
