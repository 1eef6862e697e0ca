import { createHash } from 'node:crypto';
import type { StartupPlan } from '../graph/plan.js';
import type { Fallback, Service } from '../model/types.js';
import type { Driver, RuntimeContext } from './driver.js';
import type { Phase, Reporter, ServiceSummary } from './events.js';
import { nextFallback } from './fallback.js';
import { takenPorts, takenText } from './ports.js';
import { recordedProcesses, recordingProcesses, stopOrphan } from './process-tracking.js';
import { goalOf, startBudgetMs, waitReady, type Readiness } from './readiness.js';
import { leftRunningCode, remainsOf } from './remains.js';
import { loadState, writeState } from './state.js';
import { targetServices, targetWaves } from './services.js';
import { ToolGone } from './tool-gone.js';

/** Documented exit codes of `orchgen up`. */
export const upExitCodes = { healthy: 0, badInput: 1, rolledBack: 2, degraded: 3, leftRunning: leftRunningCode, interrupted: 130 } as const;

export interface UpOptions {
  forceRecreate: boolean;
  signal: AbortSignal;
  reporter: Reporter;
  /** Variants chosen before start, e.g. because fewer GPUs are present than the service asks for. */
  preselected: ReadonlyMap<string, Fallback>;
}

type Failure = Extract<Readiness, { ok: false }>;

interface Outcome {
  ok: boolean;
  summary: ServiceSummary;
  started: boolean;
}

/**
 * Brings the stack up wave by wave through the driver; degrades or rolls back on failure. The state
 * file records a service before it is started and its main process while it runs, so a crash of
 * orchgen or of the tool at any point leaves what the next `up` or `down` needs.
 */
export async function up(context: RuntimeContext, plan: StartupPlan, driver: Driver, options: UpOptions): Promise<{ code: number; summary: ServiceSummary[] }> {
  const began = Date.now();
  const { model } = context;
  const loaded = loadState(context.stateDir, model.project, driver.target);
  if (loaded.warning) options.reporter.warning(loaded.warning);
  const { state } = loaded;
  const save = () => writeState(context.stateDir, state);
  const watched = recordingProcesses(driver, state, save);
  const byName = new Map(targetServices(model, driver.target).map((s) => [s.name, s]));
  const results = new Map<string, Outcome>();
  const startedThisRun: Service[] = [];
  // Set when the tool goes away: every wait of the wave stops at once.
  const halt = new AbortController();
  const signal = AbortSignal.any([options.signal, halt.signal]);
  let gone: ToolGone | undefined;
  const report = (service: Service, wave: number, phase: Phase, extra: { variant?: string; why?: string } = {}) =>
    options.reporter.event({ service: service.name, wave, phase, elapsedMs: Date.now() - began, ...extra });

  const waves = targetWaves(plan, byName);
  let waveNumber = 0;
  try {
    return await bringUpStack();
  } finally {
    // Containers made ready for services that never started (a rollback, a skipped service) go too.
    await driver.discardUnstarted?.().catch(() => undefined);
  }

  async function bringUpStack(): Promise<{ code: number; summary: ServiceSummary[] }> {
    try {
      await driver.prepare();
      for (const wave of waves) {
        waveNumber++;
        const outcomes = await bringUpWave(wave, waveNumber);
        const failedEssential = outcomes.find(([service, outcome]) => !outcome.ok && outcome.summary.state === 'failed' && service.essential);
        if (failedEssential || options.signal.aborted) {
          const left = await rollback(startedThisRun, waveNumber);
          const summary = finalSummary();
          const what = options.signal.aborted ? 'interrupted: rolled back what this run started' : `failed: essential service ${failedEssential![0].name} did not come up; rolled back`;
          options.reporter.summary(summary, `${what}${leftText(left)}`);
          return { code: left.left.length > 0 ? upExitCodes.leftRunning : options.signal.aborted ? upExitCodes.interrupted : upExitCodes.rolledBack, summary };
        }
        for (const [service, outcome] of outcomes) {
          if (!outcome.ok && outcome.summary.state === 'failed') {
            report(service, waveNumber, 'stopping', { why: 'optional: carrying on without it' });
            await stopAndForget(service, waveNumber);
          }
        }
      }
    } catch (error) {
      if (!(error instanceof ToolGone)) throw error;
      return toolGone(error, waves[waveNumber - 1] ?? [], waveNumber);
    }
    const summary = finalSummary();
    const degraded = summary.some((row) => row.state === 'failed' || row.state === 'skipped');
    options.reporter.summary(summary, degraded ? 'degraded: optional services are down' : 'healthy: every service is up');
    return { code: degraded ? upExitCodes.degraded : upExitCodes.healthy, summary };
  }

  function finalSummary(): ServiceSummary[] {
    return [...byName.values()].map((s) => results.get(s.name)?.summary ?? { service: s.name, state: 'stopped', health: '-', why: 'not started' });
  }

  /** The wave's services in parallel; when the tool goes away, the others stop waiting and it is thrown. */
  async function bringUpWave(wave: readonly Service[], number: number): Promise<Array<readonly [Service, Outcome]>> {
    const settled = await Promise.allSettled(
      wave.map(async (service) => {
        try {
          const outcome = await bringUpUnlessBlocked(service, number);
          results.set(service.name, outcome);
          return [service, outcome] as const;
        } catch (error) {
          if (error instanceof ToolGone) {
            gone ??= error;
            halt.abort();
          }
          throw error;
        }
      }),
    );
    const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (rejected) throw gone ?? rejected.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<readonly [Service, Outcome]>).value);
  }

  async function bringUpUnlessBlocked(service: Service, wave: number): Promise<Outcome> {
    const blocker = service.dependsOn.find((d) => d.required && byName.has(d.name) && results.get(d.name)?.ok === false);
    if (!blocker) return bringUp(service, wave);
    report(service, wave, 'skipped', { why: `needs ${blocker.name}` });
    return { ok: false, started: false, summary: { service: service.name, state: 'skipped', health: '-', why: `needs ${blocker.name}` } };
  }

  async function bringUp(service: Service, wave: number): Promise<Outcome> {
    const goal = goalOf(service, model);
    const record = state.services[service.name];
    let variantIndex = -1;
    let variant = options.preselected.get(service.name) ?? service.fallbacks.find((f) => f.name === record?.variant);
    if (variant) variantIndex = service.fallbacks.indexOf(variant);
    const current = await watched.state(service);
    if (!options.forceRecreate && (current.running || goal === 'completed') && record?.fingerprint === fingerprint(service, variant)) {
      const check = await waitReady(service, goal, watched, signal, { quick: true });
      if (check.ok) {
        report(service, wave, 'unchanged', variant ? { variant: variant.name } : {});
        state.services[service.name] = { ...record, ready: true };
        save();
        return { ok: true, started: false, summary: summarize(service, goal, check, variant) };
      }
    }
    // Still running from a run whose tool went away: the tool no longer knows it, so it is stopped here.
    if (!current.running) await stopOrphan(service, state);
    for (;;) {
      const named = variant ? { variant: variant.name } : {};
      report(service, wave, 'starting', named);
      if (current.running || variant) await driver.stop(service);
      // Recorded before the start: a crash right after it still leaves the service known.
      state.services[service.name] = { fingerprint: fingerprint(service, variant), ...named, ready: false };
      save();
      if (!startedThisRun.includes(service)) startedThisRun.push(service);
      let readiness = await startAndWait(service, goal, variant, () => report(service, wave, 'waiting', named));
      let next = await fallbackAfter(service, variantIndex, readiness);
      if (!readiness.ok && !next && (await restartUnderWay(service, readiness))) {
        report(service, wave, 'restarting', { ...named, why: `${readiness.why}; restart: ${service.restart.policy}` });
        readiness = await throughRestarts(service, goal, readiness);
        next = await fallbackAfter(service, variantIndex, readiness);
      }
      if (gone) throw gone;
      if (readiness.ok) {
        report(service, wave, goal === 'healthy' ? 'healthy' : goal === 'completed' ? 'completed' : 'running', named);
        state.services[service.name] = { ...state.services[service.name]!, ready: true };
        save();
        return { ok: true, started: true, summary: summarize(service, goal, readiness, variant) };
      }
      if (!next) {
        const why = await failureWhy(service, readiness);
        report(service, wave, 'failed', { ...named, why });
        return { ok: false, started: true, summary: { service: service.name, state: 'failed', health: 'unhealthy', ...named, why } };
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
      if (error instanceof ToolGone) throw error;
      return { ok: false, ms: 0, healthTimeout: false, why: (error as Error).message.split('\n')[0]! };
    }
    waiting();
    return waitReady(service, goal, watched, signal);
  }

  async function fallbackAfter(service: Service, variantIndex: number, readiness: Readiness) {
    if (readiness.ok || signal.aborted) return undefined;
    const output = await driver.output(service).catch(() => '');
    return nextFallback(service.fallbacks, variantIndex, { ...exitOf(readiness), healthTimeout: readiness.healthTimeout, output });
  }

  /**
   * The service exited while coming up, its restart policy lets its supervisor start it again, and
   * the supervisor is doing so: `up` then waits for it within what is left of its budget.
   */
  async function restartUnderWay(service: Service, readiness: Failure): Promise<boolean> {
    if (readiness.healthTimeout || readiness.exitCode === undefined || signal.aborted) return false;
    if (service.restart.policy === 'no' || service.restart.maxAttempts === 0 || readiness.ms >= startBudgetMs(service)) return false;
    const now = await watched.state(service);
    return now.running || now.restarting === true;
  }

  async function throughRestarts(service: Service, goal: ReturnType<typeof goalOf>, first: Failure): Promise<Readiness> {
    const rest = await waitReady(service, goal, watched, signal, { budgetMs: startBudgetMs(service) - first.ms, restartsAllowed: true });
    if (rest.ok) return { ok: true, ms: first.ms + rest.ms };
    return { ...rest, ms: first.ms + rest.ms, why: `${first.why}; restarted, then ${rest.why}` };
  }

  /** Why the service failed, with what the failure did to others and what may explain it. */
  async function failureWhy(service: Service, readiness: Failure): Promise<string> {
    if (readiness.healthTimeout || signal.aborted) return readiness.why;
    const waiting = [...byName.values()].filter((s) => s.dependsOn.some((d) => d.name === service.name)).map((s) => s.name);
    const whileWaiting = readiness.exitCode !== undefined && waiting.length > 0 ? ` while ${listed(waiting)} waited for it` : '';
    // A port taken between preflight and the start is the usual reason a server exits at once.
    const taken = (await takenPorts(service)).map((port) => `; ${takenText(port)}`).join('');
    return `${readiness.why}${whileWaiting}${taken}`;
  }

  /** Stops what this run started, last first; resolves to what is still there after it (see remains.ts). */
  async function rollback(started: readonly Service[], wave: number): Promise<Remains> {
    const recorded = recordedProcesses(state, started);
    for (const service of [...started].reverse()) {
      report(service, wave, 'stopping', { why: 'rolling back' });
      await stopAndForget(service, wave);
    }
    // The project network stays: services this run did not start may still be on it.
    const footprint = { ...driver.footprint(started), networks: [] };
    return { left: await remainsOf(footprint, recorded), ...(footprint.elsewhere ? { unseen: footprint.elsewhere } : {}) };
  }

  /** Stops it through the tool (unless the tool is gone), then its recorded process if that survived. */
  async function stopAndForget(service: Service, wave: number): Promise<void> {
    try {
      if (!gone) await driver.stop(service);
    } catch (error) {
      if (!(error instanceof ToolGone)) throw error;
    }
    const pid = await stopOrphan(service, state);
    if (pid !== undefined) report(service, wave, 'stopped', { why: `stopped its process ${pid} directly` });
    delete state.services[service.name];
    save();
  }

  async function toolGone(error: ToolGone, wave: readonly Service[], number: number): Promise<{ code: number; summary: ServiceSummary[] }> {
    gone ??= error;
    const why = `${error.message} while the stack was coming up`;
    for (const service of wave) {
      if (results.get(service.name)?.ok) continue;
      report(service, number, 'failed', { why });
      results.set(service.name, { ok: false, started: true, summary: { service: service.name, state: 'failed', health: '-', why } });
    }
    const left = await rollback(startedThisRun, number);
    const summary = finalSummary();
    options.reporter.summary(summary, `failed: ${why}; rolled back what this run started${leftText(left)}`);
    return { code: left.left.length > 0 ? upExitCodes.leftRunning : upExitCodes.rolledBack, summary };
  }
}

interface Remains {
  left: string[];
  /** Why the services' machine could not be looked at. */
  unseen?: string;
}

function leftText({ left, unseen }: Remains): string {
  if (left.length > 0) return `, but still there: ${left.join(', ')}`;
  return unseen ? ` (${unseen}: their processes were not looked at)` : ', nothing of it left';
}

function listed(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
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
