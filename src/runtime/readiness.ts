import { formatDuration } from '../model/duration.js';
import type { Condition, Health, Model, Service } from '../model/types.js';
import { readinessBudgetMs } from '../targets/shared/probe.js';
import type { Driver, ServiceState } from './driver.js';
import { exitWhy } from './exit.js';
import { checkText, probe, type ProbeResult } from './probe.js';

export type Readiness = { ok: true; ms: number } | { ok: false; ms: number; exitCode?: number; healthTimeout: boolean; why: string };

export interface WaitOptions {
  /** An already running service: one probe (and its timeout), not a whole start-up budget. */
  quick?: boolean;
  /** Instead of the service's own budget (what is left of it, after a restart). */
  budgetMs?: number;
  /** The supervisor restarting it is part of coming up: only a supervisor that gave up is a failure. */
  restartsAllowed?: boolean;
}

/**
 * While a service comes up, its state is asked and its check probed this often (as Docker's
 * `start_interval` does during the start period), whatever the configured interval: its readiness,
 * its exit or its tool going away is seen within one round.
 */
const startIntervalMs = 50;
/** A service without a health check counts as started once it has stayed up this long. */
const settleMs = 500;

/** What the service must reach before its dependents start. */
export function goalOf(service: Service, model: Model): Condition {
  const completed = model.services.some((s) => s.dependsOn.some((d) => d.name === service.name && d.condition === 'completed'));
  if (completed) return 'completed';
  return service.health ? 'healthy' : 'started';
}

/** How long the service has to reach its goal after a start. */
export function startBudgetMs(service: Service): number {
  return service.health ? readinessBudgetMs(service.health) : Math.max(settleMs * 4, service.stop.timeoutMs);
}

/**
 * Waits until the service reaches its goal, exits, or runs out of time. It never waits past its
 * budget by more than the hard stop of one probe.
 */
export async function waitReady(service: Service, goal: Condition, driver: Driver, signal: AbortSignal, options: WaitOptions = {}): Promise<Readiness> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const full = options.budgetMs ?? startBudgetMs(service) + (goal === 'started' ? (driver.startedAfterMs?.(service) ?? 0) : 0);
  const budget = options.quick ? Math.min(full, (service.health?.timeoutMs ?? 0) + settleMs) : full;
  const interval = Math.min(startIntervalMs, service.health?.intervalMs ?? startIntervalMs);
  let probeDue = 0;
  let lastProbe: ProbeResult | undefined;
  let timeouts = 0;
  // The last probe of a start gets what is left of the budget, so that a check that hangs cannot
  // outlast it; only probes that had their whole timeout count as timed out. A quick look at a
  // running service is one probe: it gets its whole timeout.
  const probeTimeoutMs = (health: Health) => (options.quick ? health.timeoutMs : Math.max(1, Math.min(health.timeoutMs, budget - elapsed())));
  for (;;) {
    if (signal.aborted) return { ok: false, ms: elapsed(), healthTimeout: false, why: 'interrupted' };
    const roundStarted = elapsed();
    const health = goal === 'healthy' && roundStarted >= probeDue ? service.health : undefined;
    const timeoutMs = health ? probeTimeoutMs(health) : 0;
    // State and probe at once: a probe that passes counts only if the state, asked meanwhile, says running.
    const [state, probed] = await Promise.all([timed(driver.state(service)), health ? probe(health.check, timeoutMs, service, driver) : undefined]);
    const exited = !state.running && state.exitCode !== undefined;
    if (goal === 'completed' && exited && state.exitCode === 0) return { ok: true, ms: elapsed() };
    const failed = options.restartsAllowed ? exited && !state.restarting : exited || state.restarts > 0;
    if (failed) {
      const code = state.exitCode;
      return { ok: false, ms: elapsed(), ...(code !== undefined ? { exitCode: code } : {}), healthTimeout: false, why: exitWhy(state, service) };
    }
    if (goal === 'started' && state.running && !state.starting && (options.quick || elapsed() >= settleMs)) return { ok: true, ms: elapsed() };
    if (goal === 'healthy' && state.running && state.health === 'healthy') return { ok: true, ms: elapsed() };
    if (health && probed && state.running) {
      lastProbe = probed;
      if (probed.timedOut && timeoutMs === health.timeoutMs) timeouts++;
      if (probed.ok) return { ok: true, ms: elapsed() };
      // At most one probe per probe's own duration: a slow check is not run back to back.
      probeDue = Math.max(roundStarted + interval, elapsed() + probed.ms);
    }
    if (elapsed() >= budget) return { ok: false, ms: elapsed(), healthTimeout: true, why: timeoutWhy(service, goal, budget, lastProbe, timeouts) };
    // Likewise for the state: a tool slow to answer (a CLI per question) is asked at most half the time.
    await sleep(Math.min(Math.max(state.askedMs, roundStarted + interval - elapsed()), Math.max(0, budget - elapsed())), signal);
  }
}

async function timed(asking: Promise<ServiceState>): Promise<ServiceState & { askedMs: number }> {
  const started = performance.now();
  const state = await asking;
  return { ...state, askedMs: performance.now() - started };
}

function timeoutWhy(service: Service, goal: Condition, budget: number, lastProbe: ProbeResult | undefined, timeouts: number): string {
  if (goal !== 'healthy') return `not ${goal} after ${Math.round(budget / 1000)}s`;
  const health = service.health!;
  if (lastProbe?.timedOut && timeouts > 0) return `health check ${checkText(health.check)} timed out after ${formatDuration(health.timeoutMs)}, ${timeouts} time${timeouts === 1 ? '' : 's'}`;
  return `not healthy after ${Math.round(budget / 1000)}s (${lastProbe?.detail ?? 'never running'})`;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
