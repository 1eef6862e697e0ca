import { spawn, type ChildProcess } from 'node:child_process';
import { execa } from 'execa';
import { afterEach, expect, test } from 'vitest';
import { emptyFootprint } from '../../src/runtime/footprint.js';
import { processRecord } from '../../src/runtime/process-record.js';
import { remainsOf } from '../../src/runtime/remains.js';

/** The look that backs "nothing left": real processes, checked against `ps`. */

const mark = `ORCHGEN_REMAINS_TEST=${process.pid}`;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A `sleep` whose environment carries `env`. */
function sleeper(env: Record<string, string>): ChildProcess {
  const child = spawn('sleep', ['1000'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  children.push(child);
  return child;
}

async function psHas(pid: number): Promise<boolean> {
  return (await execa('ps', ['-o', 'pid=', '-p', String(pid)], { reject: false })).stdout.trim() === String(pid);
}

test('finds a process by the mark in its environment, and nothing once it is gone', async () => {
  const [key, value] = mark.split('=') as [string, string];
  const child = sleeper({ [key]: value, OTHER: 'x' });
  const footprint = { ...emptyFootprint(), environ: [[mark, 'OTHER=x']] };
  await expect.poll(() => remainsOf(footprint, [])).toEqual([`process ${child.pid} (sleep) of ${value}`]);
  expect(await psHas(child.pid!)).toBe(true);
  child.kill('SIGKILL');
  await expect.poll(() => psHas(child.pid!)).toBe(false);
  expect(await remainsOf(footprint, [])).toEqual([]);
});

test('a process that carries only part of an entry is not the stack', async () => {
  const [key, value] = mark.split('=') as [string, string];
  sleeper({ [key]: value });
  expect(await remainsOf({ ...emptyFootprint(), environ: [[mark, 'OTHER=x']] }, [])).toEqual([]);
});

test('a recorded process still running is named by its service; a pid reused by another process is not', async () => {
  const child = sleeper({});
  await expect.poll(() => processRecord(child.pid!)).toBeDefined();
  const record = processRecord(child.pid!)!;
  expect(await remainsOf(emptyFootprint(), [{ service: 'db', process: record }])).toEqual([`process ${child.pid} (sleep) of db`]);
  expect(await remainsOf(emptyFootprint(), [{ service: 'db', process: { ...record, start: record.start - 1 } }])).toEqual([]);
});
