import type { Condition, Model, Service } from '../model/types.js';
import { readinessBudgetMs } from '../targets/shared/probe.js';
import type { Driver } from './driver.js';
import { probe, type ProbeResult } from './probe.js';

export type Readiness = { ok: true; ms: number } | { ok: false; ms: number; exitCode?: number; healthTimeout: boolean; why: string };

/** First probe this soon after start, then each wait grows until it reaches the configured interval. */
const firstIntervalMs = 100;
const growth = 1.5;
/** A service without a health check counts as started once it has stayed up this long. */
const settleMs = 500;

/** What the service must reach before its dependents start. */
export function goalOf(service: Service, model: Model): Condition {
  const completed = model.services.some((s) => s.dependsOn.some((d) => d.name === service.name && d.condition === 'completed'));
  if (completed) return 'completed';
  return service.health ? 'healthy' : 'started';
}

/** Waits until the service reaches its goal, exits, or runs out of time. */
export async function waitReady(service: Service, goal: Condition, driver: Driver, signal: AbortSignal, options: { quick?: boolean } = {}): Promise<Readiness> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const full = service.health ? readinessBudgetMs(service.health) : Math.max(settleMs * 4, service.stop.timeoutMs);
  // A service that is already running gets one probe (and its timeout), not a whole start-up budget.
  const budget = options.quick ? Math.min(full, (service.health?.timeoutMs ?? 0) + settleMs) : full;
  let wait = firstIntervalMs;
  let lastProbe: ProbeResult | undefined;
  for (;;) {
    if (signal.aborted) return { ok: false, ms: elapsed(), healthTimeout: false, why: 'interrupted' };
    const state = await driver.state(service);
    const exited = !state.running && state.exitCode !== undefined;
    if (goal === 'completed' && exited && state.exitCode === 0) return { ok: true, ms: elapsed() };
    if (exited || state.restarts > 0) {
      const code = state.exitCode;
      return { ok: false, ms: elapsed(), ...(code !== undefined ? { exitCode: code } : {}), healthTimeout: false, why: `exited with code ${code ?? 'unknown'}` };
    }
    if (goal === 'started' && state.running && (options.quick || elapsed() >= settleMs)) return { ok: true, ms: elapsed() };
    if (goal === 'healthy' && state.running) {
      lastProbe = await probe(service.health!.check, service.health!.timeoutMs, service, driver);
      if (lastProbe.ok || (await driver.nativeHealth?.(service)) === 'healthy') return { ok: true, ms: elapsed() };
    }
    if (elapsed() >= budget) {
      const why = goal === 'healthy' ? `not healthy after ${Math.round(budget / 1000)}s (${lastProbe?.detail ?? 'never running'})` : `not ${goal} after ${Math.round(budget / 1000)}s`;
      return { ok: false, ms: elapsed(), healthTimeout: true, why };
    }
    await sleep(Math.min(wait, Math.max(0, budget - elapsed())), signal);
    wait = Math.min(wait * growth, service.health?.intervalMs ?? settleMs);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
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
