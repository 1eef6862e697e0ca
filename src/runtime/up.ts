import { createHash } from 'node:crypto';
import type { StartupPlan } from '../graph/plan.js';
import type { Fallback, Service } from '../model/types.js';
import type { Driver, RuntimeContext } from './driver.js';
import type { Phase, Reporter, ServiceSummary } from './events.js';
import { nextFallback } from './fallback.js';
import { goalOf, waitReady, type Readiness } from './readiness.js';
import { readState, writeState } from './state.js';
import { targetServices, targetWaves } from './services.js';

/** Documented exit codes of `orchgen up`. */
export const upExitCodes = { healthy: 0, badInput: 1, rolledBack: 2, degraded: 3, interrupted: 130 } as const;

export interface UpOptions {
  forceRecreate: boolean;
  signal: AbortSignal;
  reporter: Reporter;
  /** Variants chosen before start, e.g. because fewer GPUs are present than the service asks for. */
  preselected: ReadonlyMap<string, Fallback>;
}

interface Outcome {
  ok: boolean;
  summary: ServiceSummary;
  started: boolean;
}

/** Brings the stack up wave by wave through the driver; degrades or rolls back on failure. */
export async function up(context: RuntimeContext, plan: StartupPlan, driver: Driver, options: UpOptions): Promise<{ code: number; summary: ServiceSummary[] }> {
  const began = Date.now();
  const { model } = context;
  const state = readState(context.stateDir, model.project, driver.target);
  const byName = new Map(targetServices(model, driver.target).map((s) => [s.name, s]));
  const results = new Map<string, Outcome>();
  const startedThisRun: Service[] = [];
  const report = (service: Service, wave: number, phase: Phase, extra: { variant?: string; why?: string } = {}) =>
    options.reporter.event({ service: service.name, wave, phase, elapsedMs: Date.now() - began, ...extra });

  await driver.prepare();
  const waves = targetWaves(plan, byName);
  for (const [index, wave] of waves.entries()) {
    const waveNumber = index + 1;
    const outcomes = await Promise.all(
      wave.map(async (service) => {
        const blocker = service.dependsOn.find((d) => d.required && byName.has(d.name) && results.get(d.name)?.ok === false);
        if (blocker) {
          report(service, waveNumber, 'skipped', { why: `needs ${blocker.name}` });
          return [service, { ok: false, started: false, summary: { service: service.name, state: 'skipped', health: '-', why: `needs ${blocker.name}` } }] as const;
        }
        const outcome = await bringUp(service, waveNumber);
        if (outcome.started) startedThisRun.push(service);
        return [service, outcome] as const;
      }),
    );
    for (const [service, outcome] of outcomes) results.set(service.name, outcome);
    writeState(context.stateDir, state);
    const failedEssential = outcomes.find(([service, outcome]) => !outcome.ok && outcome.summary.state === 'failed' && service.essential);
    if (failedEssential || options.signal.aborted) {
      await rollback(startedThisRun, waveNumber);
      const summary = finalSummary();
      options.reporter.summary(summary, options.signal.aborted ? 'interrupted: rolled back what this run started' : `failed: essential service ${failedEssential![0].name} did not come up; rolled back`);
      return { code: options.signal.aborted ? upExitCodes.interrupted : upExitCodes.rolledBack, summary };
    }
    for (const [service, outcome] of outcomes) {
      if (!outcome.ok && outcome.summary.state === 'failed') {
        report(service, waveNumber, 'stopping', { why: 'optional: carrying on without it' });
        await driver.stop(service);
      }
    }
  }
  const summary = finalSummary();
  const degraded = summary.some((row) => row.state === 'failed' || row.state === 'skipped');
  options.reporter.summary(summary, degraded ? 'degraded: optional services are down' : 'healthy: every service is up');
  return { code: degraded ? upExitCodes.degraded : upExitCodes.healthy, summary };

  function finalSummary(): ServiceSummary[] {
    return [...byName.values()].map((s) => results.get(s.name)?.summary ?? { service: s.name, state: 'stopped', health: '-', why: 'not started' });
  }

  async function bringUp(service: Service, wave: number): Promise<Outcome> {
    const goal = goalOf(service, model);
    const record = state.services[service.name];
    let variantIndex = -1;
    let variant = options.preselected.get(service.name) ?? service.fallbacks.find((f) => f.name === record?.variant);
    if (variant) variantIndex = service.fallbacks.indexOf(variant);
    const current = await driver.state(service);
    if (!options.forceRecreate && (current.running || goal === 'completed') && record?.fingerprint === fingerprint(service, variant)) {
      const check = await waitReady(service, goal, driver, options.signal, { quick: true });
      if (check.ok) {
        report(service, wave, 'unchanged', variant ? { variant: variant.name } : {});
        return { ok: true, started: false, summary: summarize(service, goal, check, variant) };
      }
    }
    for (;;) {
      const named = variant ? { variant: variant.name } : {};
      report(service, wave, 'starting', named);
      if (current.running || variant) await driver.stop(service);
      const readiness = await startAndWait(service, goal, variant, () => report(service, wave, 'waiting', named));
      if (readiness.ok) {
        report(service, wave, goal === 'healthy' ? 'healthy' : goal === 'completed' ? 'completed' : 'running', named);
        state.services[service.name] = { fingerprint: fingerprint(service, variant), ...named };
        return { ok: true, started: true, summary: summarize(service, goal, readiness, variant) };
      }
      const output = await driver.output(service).catch(() => '');
      const next = options.signal.aborted ? undefined : nextFallback(service.fallbacks, variantIndex, { ...exitOf(readiness), healthTimeout: readiness.healthTimeout, output });
      if (!next) {
        report(service, wave, 'failed', { ...named, why: readiness.why });
        delete state.services[service.name];
        return { ok: false, started: true, summary: { service: service.name, state: 'failed', health: 'unhealthy', ...named, why: readiness.why } };
      }
      report(service, wave, 'fallback', { variant: next.fallback.name, why: readiness.why });
      await driver.stop(service);
      variant = next.fallback;
      variantIndex = next.index;
    }
  }

  /** A start the tool refuses is a failure of the service, like one that exits. */
  async function startAndWait(service: Service, goal: ReturnType<typeof goalOf>, variant: Fallback | undefined, waiting: () => void): Promise<Readiness> {
    try {
      await driver.start(service, variant);
    } catch (error) {
      return { ok: false, ms: 0, healthTimeout: false, why: (error as Error).message.split('\n')[0]! };
    }
    waiting();
    return waitReady(service, goal, driver, options.signal);
  }

  async function rollback(started: readonly Service[], wave: number): Promise<void> {
    for (const service of [...started].reverse()) {
      report(service, wave, 'stopping', { why: 'rolling back' });
      await driver.stop(service);
      delete state.services[service.name];
    }
    writeState(context.stateDir, state);
  }
}

function exitOf(readiness: Readiness): { exitCode?: number } {
  return !readiness.ok && readiness.exitCode !== undefined ? { exitCode: readiness.exitCode } : {};
}

function summarize(service: Service, goal: string, readiness: Readiness, variant?: Fallback): ServiceSummary {
  const state = goal === 'healthy' ? 'healthy' : goal === 'completed' ? 'completed' : 'running';
  return {
    service: service.name,
    state,
    health: service.health ? 'healthy' : 'no check',
    timeToHealthyMs: readiness.ms,
    ...(variant ? { variant: variant.name } : {}),
  };
}

/** What the service runs, as the variant: when it changes, the service is recreated. */
export function fingerprint(service: Service, variant?: Fallback): string {
  return createHash('sha256').update(JSON.stringify(variant ? variant.service : service)).digest('hex').slice(0, 16);
}
