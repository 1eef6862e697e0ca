/**
 * One run of the fixture on one target, recorded once for every check: build with the CLI, start
 * with the tool, let it settle, crash the store, stop, and look independently at each step.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { cliEntry } from '../cli/run.js';
import { freePort } from '../runtime/stack.js';
import { tempDir, type TempDir } from '../support/tools.js';
import type { Stack, TargetAdapter, ToolRun } from './adapter.js';
import { readEvents, timesOf, type ServiceEvent } from './events.js';
import { FIXTURE, fixtureSpec, type ServiceName } from './fixture/spec.js';
import { containersOnVolume, crashService, look, sleep, until, volumeExists, type Seen } from './look.js';

export const SERVICES: readonly ServiceName[] = ['store', 'api', 'worker', 'flaky', 'nccl'];

export interface Observations {
  stack: Stack;
  build: ToolRun;
  start: ToolRun;
  /** Once the stack has settled (worker up, flaky out of attempts). */
  settled: Seen;
  volume: { name: string; exists: boolean; mountedBy: string[] };
  /** When the store was killed, if it ran; what ran after it came back. */
  crash?: { at: number; after: Seen };
  /** What ran just before the stop. */
  beforeStop: Seen;
  stop: ToolRun & { began: number; took: number };
  /** When each service's process was last seen during the stop (first poll without it). */
  vanished: Partial<Record<string, number>>;
  afterStop: Seen;
  events: Record<string, ServiceEvent[]>;
}

export async function makeStack(adapter: TargetAdapter): Promise<{ stack: Stack; temp: TempDir }> {
  const temp = await tempDir(`orchgen-conformance-${adapter.id}-`);
  const project = `cf${adapter.id.replace(/[^a-z0-9]/g, '')}${process.pid.toString(36)}`;
  const run = path.join(temp.path, 'run');
  mkdirSync(run, { recursive: true, mode: 0o777 });
  const spec = path.join(temp.path, 'orchgen.yaml');
  const ports = [await freePort(), await freePort()] as const;
  writeFileSync(spec, fixtureSpec({ project, run, ports, allContainers: adapter.allContainers }));
  const stack = { project, dir: temp.path, spec, out: path.join(temp.path, 'out'), run, env: { ...FIXTURE.env } };
  return { stack, temp };
}

async function build(stack: Stack, adapter: TargetAdapter): Promise<ToolRun> {
  const r = await execa('node', [cliEntry, 'build', '-f', stack.spec, '-t', adapter.target, '-o', stack.out], { reject: false, all: true, stdin: 'ignore' });
  return { exitCode: r.exitCode ?? -1, output: String(r.all ?? '') };
}

const eventsOf = (stack: Stack, service: string) => readEvents(stack.run, service);

/** Worker up (or 60 s), then flaky through its attempts and 4 s more to see none follows. */
async function settle(stack: Stack): Promise<void> {
  await until('worker to be ready', () => (timesOf(eventsOf(stack, 'worker'), 'ready').length > 0 ? true : undefined), 60_000).catch(() => undefined);
  const attempts = 1 + FIXTURE.flaky.maxAttempts;
  await until('flaky to use its attempts', () => (timesOf(eventsOf(stack, 'flaky'), 'crash').length >= attempts ? true : undefined), 30_000).catch(() => undefined);
  await sleep(4_000);
}

async function crashStore(stack: Stack): Promise<Observations['crash']> {
  const readyBefore = timesOf(eventsOf(stack, 'store'), 'ready').length;
  let at: number;
  try {
    at = await crashService(stack.run, 'store');
  } catch {
    return undefined;
  }
  await until('store to be ready again', () => (timesOf(eventsOf(stack, 'store'), 'ready').length > readyBefore ? true : undefined), 30_000).catch(() => undefined);
  await sleep(3_000);
  return { at, after: await look(stack.project, stack.run) };
}

/** Stop with the tool while looking every 200 ms, to tell when each service's process went. */
async function stopWatching(stack: Stack, adapter: TargetAdapter): Promise<Pick<Observations, 'beforeStop' | 'stop' | 'vanished'>> {
  const vanished: Observations['vanished'] = {};
  const beforeStop = await look(stack.project, stack.run);
  const began = Date.now() / 1000;
  let done = false;
  const watching = (async () => {
    // One last look after `done`, so a service that went during the final sleep is recorded too.
    for (let last = false; !last; await sleep(200)) {
      last = done;
      const seen = await look(stack.project, stack.run);
      const now = Date.now() / 1000;
      for (const s of SERVICES) if (!seen.processes.has(s) && vanished[s] === undefined) vanished[s] = now;
    }
  })();
  const result = await adapter.stop(stack);
  const took = Date.now() / 1000 - began;
  await until('every fixture process to go', async () => ((await look(stack.project, stack.run)).processes.size === 0 ? true : undefined), 30_000).catch(() => undefined);
  done = true;
  await watching;
  return { beforeStop, stop: { ...result, began, took }, vanished };
}

export async function runScenario(adapter: TargetAdapter, stack: Stack): Promise<Observations> {
  const built = await build(stack, adapter);
  if (built.exitCode !== 0) throw new Error(`orchgen build failed:\n${built.output}`);
  const start = await adapter.start(stack);
  await settle(stack);
  const settled = await look(stack.project, stack.run);
  const volumeName = `${stack.project}_${FIXTURE.volume}`;
  const volume = { name: volumeName, exists: await volumeExists(volumeName), mountedBy: await containersOnVolume(volumeName) };
  const crash = await crashStore(stack);
  const restarted = crash !== undefined && timesOf(eventsOf(stack, 'store'), 'start').some((t) => t > crash.at);
  if (adapter.diagnose && !restarted) console.log(`${adapter.id}: store did not come back after the crash; the tool says:\n${await adapter.diagnose(stack)}`);
  const { beforeStop, stop, vanished } = await stopWatching(stack, adapter);
  const afterStop = await look(stack.project, stack.run);
  const events = Object.fromEntries([...SERVICES, 'nccl-fallback'].map((s) => [s, eventsOf(stack, s)]));
  return { stack, build: built, start, settled, volume, crash, beforeStop, stop, vanished, afterStop, events };
}
