import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { eventSeconds, expectNothingLeft, holdPort, recorded, startsOf, until, withStack, type FaultLab, type FaultStack } from './faults.js';

/** What a fault test needs besides the lab: the environment the CLI runs with. */
type Env = Record<string, string>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** db is slow to get healthy and api waits for it; the test kills db's process. */
function waitedForStack(lab: FaultLab, restart: 'no' | 'on-failure'): FaultStack {
  return lab.stack([
    { name: 'db', delay: 2, restart },
    { name: 'api', dependsOn: ['db'] },
  ]);
}

/** Runs `up` and kills db with SIGKILL once it has started and api waits for it; resolves to how `up` ended. */
async function upKillingDb(lab: FaultLab, stack: FaultStack, env: Env) {
  const run = lab.up(stack, env);
  await run.waitFor('wave 1 db: waiting');
  // `up` waits from the spawn on: the process must have come as far as its own start first.
  await until(() => startsOf(stack, 'db') === 1);
  await pause(300);
  await lab.killService(stack, 'db');
  return run.result;
}

/** Resolves to the stack it ran, for the caller's own look at what is left of it. */
export async function killedWhileWaited(lab: FaultLab, env: Env = {}): Promise<FaultStack> {
  const stack = waitedForStack(lab, 'no');
  await withStack(lab, stack, env, async () => {
    const result = await upKillingDb(lab, stack, env);
    expect(result.stdout).toContain('wave 1 db: failed (killed by signal 9 (SIGKILL) while api waited for it)');
    expect(result.stdout).toContain('failed: essential service db did not come up; rolled back');
    expect(result.code).toBe(2);
    expect(startsOf(stack, 'api')).toBe(0);
    await expectNothingLeft(lab, stack, env);
  });
  return stack;
}

export async function restartedAfterKill(lab: FaultLab, env: Env = {}): Promise<void> {
  const stack = waitedForStack(lab, 'on-failure');
  await withStack(lab, stack, env, async () => {
    const result = await upKillingDb(lab, stack, env);
    expect(result.stdout).toContain('wave 1 db: restarting (killed by signal 9 (SIGKILL); restart: on-failure)');
    expect(result.stdout).toContain('wave 2 api: healthy');
    expect(result.stdout).toContain('healthy: every service is up');
    expect(result.code).toBe(0);
    expect(startsOf(stack, 'db')).toBe(2);
  });
  await expectNothingLeft(lab, stack, env);
}

/**
 * The tool's daemon dies while wave 2 waits: `up` notices within two seconds, stops the orphans it
 * started itself, and exits 2.
 */
export async function daemonKilled(lab: FaultLab, env: Env, killDaemon: (stack: FaultStack) => Promise<void>, what: string): Promise<void> {
  const stack = lab.stack([
    { name: 'db', delay: 0.2 },
    { name: 'api', delay: 4, dependsOn: ['db'] },
  ]);
  await withStack(lab, stack, env, async () => {
    const run = lab.up(stack, env);
    await run.waitFor('wave 2 api: waiting');
    // up has seen api's process (and recorded it): a process it never heard of it cannot stop.
    await until(() => recorded(lab, stack, 'api'));
    // ... and the process has come as far as its own start, and printed it: one killed with its
    // tool before it printed a line dies of the closed pipe, and has no orphan left to stop.
    await until(() => startsOf(stack, 'api') === 1);
    await pause(200);
    await killDaemon(stack);
    const killedAt = Date.now();
    await run.waitFor(`wave 2 api: failed (${what} while the stack was coming up)`);
    const noticedMs = Date.now() - killedAt;
    const result = await run.result;
    expect(noticedMs).toBeLessThan(2500);
    expect(result.stdout).toMatch(/wave 2 api: stopped \(stopped its process \d+ directly\)/);
    expect(result.stdout).toMatch(/wave 1 db: stopped \(stopped its process \d+ directly\)/);
    expect(result.stdout).toContain(`failed: ${what} while the stack was coming up; rolled back what this run started`);
    expect(result.code).toBe(2);
    await expectNothingLeft(lab, stack, env);
  });
}

/** Preflight finds web's port free; the test takes it before web starts, and web cannot bind. */
export async function portTakenAfterPreflight(lab: FaultLab, env: Env, essential: boolean): Promise<void> {
  const stack = lab.stack([
    { name: 'db', delay: 2 },
    { name: 'web', dependsOn: ['db'], publishes: true, essential },
  ]);
  const port = stack.ports.web!;
  await withStack(lab, stack, env, async () => {
    const run = lab.up(stack, env);
    await run.waitFor('wave 1 db: starting');
    const holder = await holdPort(port);
    try {
      const result = await run.result;
      expect(result.stdout).toContain(`wave 2 web: failed (exited with code 1; port ${port} is taken on 127.0.0.1)`);
      expect(result.code).toBe(essential ? 2 : 3);
      if (essential) await expectNothingLeft(lab, stack, env);
      else expect((await lab.processes(stack)).filter((line) => line.includes('--name web'))).toEqual([]);
    } finally {
      holder.close();
    }
  });
  await expectNothingLeft(lab, stack, env);
}

/**
 * An HTTP endpoint that accepts and never answers, and an exec check that never returns: both time
 * out within their budget, the check's processes are killed, and the stack carries on degraded.
 */
export async function hangingChecks(lab: FaultLab, env: Env = {}): Promise<void> {
  // The start period lets a slow machine start the hanging server before the counted probes,
  // so that each of them meets a connection that never answers rather than none at all.
  const stack = lab.stack([
    { name: 'db', delay: 0.2 },
    { name: 'api', hang: true, dependsOn: ['db'], essential: false, retries: 3, startPeriod: '2s' },
    { name: 'worker', hangingExec: true, dependsOn: ['db'], essential: false, retries: 3, startPeriod: '2s' },
  ]);
  await withStack(lab, stack, env, async () => {
    const result = await lab.cli('up', stack, env);
    // As many probes as fit in the budget, fewer when the machine is slow to answer `up`.
    expect(result.stdout).toMatch(new RegExp(`wave 2 api: failed \\(health check http://127.0.0.1:${stack.ports.api}/health timed out after 1s, [1-5] times?\\)`));
    expect(result.stdout).toMatch(/wave 2 worker: failed \(health check \S+ \S+faults-service\.py --probe --name worker-check --run \S+ timed out after 1s, [1-5] times?\)/);
    expect(result.code).toBe(3);
    // The budget is 2s + 3 × (200ms interval + 1s timeout) = 5.6s; a probe may overrun it by its hard stop.
    for (const name of ['api', 'worker']) expect(eventSeconds(result.stdout, `${name}: failed`) - eventSeconds(result.stdout, `${name}: waiting`)).toBeLessThan(5.6 + 1.2);
    const left = await lab.processes(stack);
    expect(left.filter((line) => /--name (api|worker)/.test(line))).toEqual([]);
  });
  await expectNothingLeft(lab, stack, env);
}

/** orchgen itself is killed while wave 2 waits; `down` then stops everything. */
export async function crashThenDown(lab: FaultLab, env: Env = {}): Promise<void> {
  const stack = crashStack(lab);
  await withStack(lab, stack, env, async () => {
    await crashWhileWave2Waits(lab, stack, env);
    // api was recorded before it was started, and is not marked ready.
    const state = JSON.parse(readFileSync(lab.statePath(stack), 'utf8'));
    expect(state.services.db).toMatchObject({ ready: true });
    expect(state.services.api).toMatchObject({ ready: false });
    const down = await lab.cli('down', stack, env);
    expect(down.stdout).toContain('down, nothing left running');
    expect(down.code).toBe(0);
    await expectNothingLeft(lab, stack, env);
  });
}

/** orchgen itself is killed while wave 2 waits; the next `up` keeps what is healthy and finishes the job. */
export async function crashThenUp(lab: FaultLab, env: Env = {}): Promise<void> {
  const stack = crashStack(lab);
  await withStack(lab, stack, env, async () => {
    await crashWhileWave2Waits(lab, stack, env);
    const again = await lab.cli('up', stack, env);
    expect(again.stdout).toContain('wave 1 db: unchanged');
    expect(again.stdout).toContain('healthy: every service is up');
    expect(again.code).toBe(0);
    expect(startsOf(stack, 'db')).toBe(1);
  });
  await expectNothingLeft(lab, stack, env);
}

/** A truncated state file, then one of garbage: `up` and `down` each warn in one line and do their job. */
export async function damagedState(lab: FaultLab, env: Env = {}): Promise<void> {
  const stack = lab.stack([
    { name: 'db', delay: 0.2 },
    { name: 'api', dependsOn: ['db'] },
  ]);
  const path = lab.statePath(stack);
  const warnings = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('warning: '));
  const damaged = new RegExp(`^warning: ${path} is damaged \\(.+\\): ignoring it and asking ${lab.target} what runs$`);
  await withStack(lab, stack, env, async () => {
    expect((await lab.cli('up', stack, env)).code).toBe(0);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, text.length / 2));
    const up = await lab.cli('up', stack, env);
    expect(warnings(up.stdout), `${up.stdout}${up.stderr}`).toEqual([expect.stringMatching(damaged)]);
    expect(up.stderr).not.toContain('internal error');
    expect(up.code).toBe(0);

    writeFileSync(path, '\u0000garbage{{{');
    const down = await lab.cli('down', stack, env);
    expect(warnings(down.stdout), `${down.stdout}${down.stderr}`).toEqual([expect.stringMatching(damaged)]);
    expect(down.stdout).not.toContain('\u0000');
    expect(down.stdout).toContain('down, nothing left running');
    expect(down.code).toBe(0);
    await expectNothingLeft(lab, stack, env);
  });
}

function crashStack(lab: FaultLab): FaultStack {
  return lab.stack([
    { name: 'db', delay: 0.2 },
    { name: 'api', delay: 3, dependsOn: ['db'] },
  ]);
}

async function crashWhileWave2Waits(lab: FaultLab, stack: FaultStack, env: Env): Promise<void> {
  const run = lab.up(stack, env);
  await run.waitFor('wave 2 api: waiting');
  run.kill('SIGKILL');
  expect((await run.result).code).toBe(-1);
}
