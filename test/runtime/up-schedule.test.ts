import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compileText } from '../../src/pipeline/compile.js';
import type { Fallback, Service } from '../../src/model/types.js';
import type { Driver, ServiceState } from '../../src/runtime/driver.js';
import type { Reporter, RuntimeEvent, ServiceSummary } from '../../src/runtime/events.js';
import { emptyFootprint } from '../../src/runtime/footprint.js';
import { ToolGone } from '../../src/runtime/tool-gone.js';
import { up } from '../../src/runtime/up.js';

/**
 * `up`'s scheduling (start order, rollback order, degrade, fallbacks) against a supervisor kept in
 * memory: a service is running from its start, answers its exec check once `readyMs` have passed,
 * or exits at once with `exitCode`. Each behaviour is given per variant (`''` for the service itself).
 */
interface Behaviour {
  readyMs?: number;
  exitCode?: number;
  output?: string;
}

class InMemorySupervisor implements Driver {
  readonly target = 'supervisor' as const;
  readonly calls: string[] = [];
  private readonly runs = new Map<string, { since: number; behaviour: Behaviour }>();
  /** Set when the test stops the supervisor itself. */
  gone = false;

  constructor(private readonly behaviours: Record<string, Behaviour>) {}

  async preflight() {
    return [];
  }
  async prepare() {}
  async start(service: Service, variant?: Fallback) {
    const key = variant ? `${service.name}[${variant.name}]` : service.name;
    this.calls.push(`start ${key}`);
    this.runs.set(service.name, { since: Date.now(), behaviour: this.behaviours[key] ?? {} });
  }
  async stop(service: Service) {
    if (this.runs.delete(service.name)) this.calls.push(`stop ${service.name}`);
  }
  async state(service: Service): Promise<ServiceState> {
    if (this.gone) throw new ToolGone('the supervisor stopped');
    const run = this.runs.get(service.name);
    if (!run) return { running: false, restarts: 0 };
    const { exitCode } = run.behaviour;
    return exitCode === undefined ? { running: true, restarts: 0, since: run.since } : { running: false, exitCode, restarts: 0 };
  }
  async output(service: Service) {
    return this.runs.get(service.name)?.behaviour.output ?? '';
  }
  async logs() {
    return '';
  }
  async exec(service: Service) {
    const run = this.runs.get(service.name);
    return run && Date.now() - run.since >= (run.behaviour.readyMs ?? 0) ? 0 : 1;
  }
  async leftovers() {
    return [];
  }
  footprint() {
    return emptyFootprint();
  }
  async finish() {}
}

const root = mkdtempSync(join(tmpdir(), 'orchgen-up-schedule-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

/** One service of the spec: an exec check probed every 50 ms (6 s to pass), no restarts. */
function service(name: string, more: string[] = []): string {
  return [`  ${name}:`, '    command: [server]', '    restart: {policy: "no"}', '    health: {exec: [check], interval: 50ms, timeout: 1s, retries: 1, start_period: 5s}', ...more.map((line) => `    ${line}`)].join('\n');
}

/** What the test does as events arrive: e.g. press Ctrl-C, or stop the supervisor. */
type OnEvent = (event: RuntimeEvent, interrupt: () => void, driver: InMemorySupervisor) => void;

async function runUp(services: string[], behaviours: Record<string, Behaviour>, env: Record<string, string> = {}, onEvent: OnEvent = () => undefined) {
  const compiled = compileText('orchgen.yaml', ['version: 1', 'project: sched', 'services:', ...services, ''].join('\n'), ['supervisor']);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const stateDir = join(root, String(++runs));
  const driver = new InMemorySupervisor(behaviours);
  const events: RuntimeEvent[] = [];
  let outcome = '';
  let rows: readonly ServiceSummary[] = [];
  const interrupt = new AbortController();
  const onEach = (e: RuntimeEvent) => {
    events.push(e);
    onEvent(e, () => interrupt.abort(), driver);
  };
  const reporter: Reporter = { event: onEach, summary: (r, o) => ((rows = r), (outcome = o)), warning: () => undefined };
  const context = { model: compiled.model!, artifactsDir: stateDir, stateDir, env, options: {} };
  const result = await up(context, compiled.plan!, driver, { forceRecreate: false, signal: interrupt.signal, reporter, preselected: new Map() });
  const lines = (phases: readonly string[]) => events.filter((e) => phases.includes(e.phase)).map((e) => `${e.wave} ${e.service}${e.variant ? ` [${e.variant}]` : ''}: ${e.phase}${e.why ? ` (${e.why})` : ''}`);
  return { code: result.code, outcome, rows, calls: driver.calls, lines };
}

describe('up starts each service once its own dependencies are ready', () => {
  const uneven = [service('slow'), service('fast'), service('after-fast', ['depends_on: [fast]'])];
  const behaviours = { slow: { readyMs: 1500 }, fast: { readyMs: 0 }, 'after-fast': { readyMs: 0 } };

  test("a dependent of a fast service starts before the slow one of the fast service's wave is ready; waves stay the services' depths", async () => {
    const run = await runUp(uneven, behaviours);
    expect(run.lines(['starting', 'healthy'])).toEqual(['1 slow: starting', '1 fast: starting', '1 fast: healthy', '2 after-fast: starting', '2 after-fast: healthy', '1 slow: healthy']);
    expect(run.code).toBe(0);
    expect(run.outcome).toBe('healthy: every service is up');
  });

  test('ORCHGEN_UP_ORDER=waves keeps the strict order: the next wave waits for the slowest of the one before', async () => {
    const run = await runUp(uneven, behaviours, { ORCHGEN_UP_ORDER: 'waves' });
    expect(run.lines(['starting', 'healthy'])).toEqual(['1 slow: starting', '1 fast: starting', '1 fast: healthy', '1 slow: healthy', '2 after-fast: starting', '2 after-fast: healthy']);
    expect(run.code).toBe(0);
  });
});

describe('an essential service that fails rolls back everything this run started, in reverse dependency order', () => {
  test('dependents stop before their dependencies; what never started is not stopped', async () => {
    const services = [service('db'), service('cache'), service('queue', ['depends_on: [cache]']), service('api', ['depends_on: [db]']), service('web', ['depends_on: [api, queue]'])];
    const run = await runUp(services, { db: { readyMs: 800 }, api: { exitCode: 1 } });
    expect(run.calls).toEqual(['start db', 'start cache', 'start queue', 'start api', 'stop api', 'stop queue', 'stop cache', 'stop db']);
    expect(run.lines(['failed', 'stopping', 'skipped'])).toEqual([
      '2 api: failed (exited with code 1 while web waited for it)',
      '2 api: stopping (rolling back)',
      '2 queue: stopping (rolling back)',
      '1 cache: stopping (rolling back)',
      '1 db: stopping (rolling back)',
    ]);
    expect(run.code).toBe(2);
    expect(run.outcome).toBe('failed: essential service api did not come up; rolled back, nothing of it left');
    expect(run.rows.find((r) => r.service === 'web')).toEqual({ service: 'web', state: 'stopped', health: '-', why: 'not started' });
  });
});

describe('an optional service that fails: stopped, its required dependents skipped, the rest carries on degraded', () => {
  test('a dependent that does not require it still starts', async () => {
    const services = [
      service('extra', ['essential: false']),
      service('reports', ['depends_on: {extra: {condition: healthy, required: true}}']),
      service('dash', ['depends_on: [extra]']),
      service('web'),
    ];
    const run = await runUp(services, { extra: { exitCode: 1 }, web: { readyMs: 800 } });
    expect(run.lines(['failed', 'stopping', 'skipped', 'healthy'])).toEqual([
      '1 extra: failed (exited with code 1 while reports and dash waited for it)',
      '1 extra: stopping (optional: carrying on without it)',
      '2 reports: skipped (needs extra)',
      '2 dash: healthy',
      '1 web: healthy',
    ]);
    expect(run.calls).toEqual(['start extra', 'start web', 'stop extra', 'start dash']);
    expect(run.code).toBe(3);
    expect(run.rows.map((r) => `${r.service} ${r.state}`)).toEqual(['extra failed', 'reports skipped', 'dash healthy', 'web healthy']);
  });
});

describe('fallbacks are tried in order, each when its `when` matches', () => {
  test('one that does not match is passed over; the dependent starts once the variant is ready', async () => {
    const fallbacks = [
      'fallbacks:',
      '  - {name: other, when: {log: "out of memory"}, set: {env: {A: "1"}}}',
      '  - {name: first, when: {exit_codes: [1]}, set: {env: {B: "1"}}}',
      '  - {name: second, when: {log: NCCL}, set: {env: {C: "1"}}}',
    ];
    const services = [service('vllm', fallbacks), service('bot', ['depends_on: [vllm]'])];
    const run = await runUp(services, { vllm: { exitCode: 1, output: 'NCCL error' }, 'vllm[first]': { exitCode: 2, output: 'NCCL error' }, 'vllm[second]': { readyMs: 100 } });
    expect(run.lines(['starting', 'fallback', 'healthy'])).toEqual([
      '1 vllm: starting',
      '1 vllm [first]: fallback (exited with code 1)',
      '1 vllm [first]: starting',
      '1 vllm [second]: fallback (exited with code 2)',
      '1 vllm [second]: starting',
      '1 vllm [second]: healthy',
      '2 bot: starting',
      '2 bot: healthy',
    ]);
    expect(run.calls).toEqual(['start vllm', 'stop vllm', 'start vllm[first]', 'stop vllm', 'start vllm[second]', 'start bot']);
    expect(run.code).toBe(0);
  });
});

describe('Ctrl-C and a supervisor that goes away stop the waits and roll back', () => {
  const services = [service('db'), service('api', ['depends_on: [db]']), service('web', ['depends_on: [api]'])];
  const behaviours = { api: { readyMs: 60_000 } };

  test('Ctrl-C while api waits: api is given up on, then api and db are stopped, last started first; exit 130', async () => {
    const run = await runUp(services, behaviours, {}, (e, interrupt) => e.service === 'api' && e.phase === 'waiting' && interrupt());
    expect(run.lines(['failed', 'stopping', 'skipped'])).toEqual(['2 api: failed (interrupted)', '2 api: stopping (rolling back)', '1 db: stopping (rolling back)']);
    expect(run.calls).toEqual(['start db', 'start api', 'stop api', 'stop db']);
    expect(run.code).toBe(130);
    expect(run.outcome).toBe('interrupted: rolled back what this run started, nothing of it left');
  });

  test('the supervisor gone while api waits: api fails saying so, nothing more is asked of the supervisor; exit 2', async () => {
    const run = await runUp(services, behaviours, {}, (e, _interrupt, driver) => {
      if (e.service === 'api' && e.phase === 'waiting') setTimeout(() => (driver.gone = true), 100);
    });
    expect(run.lines(['failed', 'stopping', 'skipped'])).toEqual([
      '2 api: failed (the supervisor stopped while the stack was coming up)',
      '2 api: stopping (rolling back)',
      '1 db: stopping (rolling back)',
    ]);
    expect(run.calls).toEqual(['start db', 'start api']);
    expect(run.code).toBe(2);
    expect(run.outcome).toBe('failed: the supervisor stopped while the stack was coming up; rolled back what this run started, nothing of it left');
  });
});
