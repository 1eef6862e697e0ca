import type { Fallback, Service } from '../../model/types.js';
import type { Driver } from '../driver.js';
import { exitWhy } from '../exit.js';
import { nextFallback } from '../fallback.js';
import { goalOf, sleep, startBudgetMs, waitThroughRestarts } from '../readiness.js';
import type { MonitorMetrics, RestartReason } from './metrics.js';
import type { RecoveryEvent } from './recovery-log.js';
import type { MonitorState } from './state.js';

export interface RecoveryContext {
  state: MonitorState;
  driver: Driver;
  metrics: MonitorMetrics;
  /** The variant each service runs as now (what `up` left, then what recoveries chose). */
  variants: Map<string, Fallback | undefined>;
  /** Services a recovery stopped or is starting: no check touches them meanwhile. */
  busy: Set<string>;
  /** Services a recovery is working on, the service itself until it is healthy again: no other recovery touches them. */
  recovering: Set<string>;
  signal: AbortSignal;
  /** Makes the artifacts known to the tool, once, before the first start (as `up` does). */
  prepare(): Promise<void>;
}

export interface RecoveryRequest {
  name: string;
  reason: string;
  kind: RestartReason;
  withDependents: boolean;
  /** A restart asked for through the API: it does not spend the service's recovery attempts. */
  requested?: boolean;
}

/** The services a recovery of `name` touches: the service and, with its dependents, all of them. */
export function recoveryScope(ctx: RecoveryContext, request: RecoveryRequest): Service[] {
  const service = ctx.state.watch(request.name)!.service;
  return [service, ...(request.withDependents ? ctx.state.dependentsClosure(request.name) : [])];
}

/**
 * Restarts a service through its tool: its dependents stopped first (last started first), the
 * service stopped and started (as the variant it runs, or the next matching fallback once its
 * attempts are used up), waited for, then its dependents started again in startup order, each
 * waited for. Every step is recorded in the event, which the caller began.
 */
export async function recover(ctx: RecoveryContext, request: RecoveryRequest, event: RecoveryEvent): Promise<void> {
  const scope = recoveryScope(ctx, request);
  const [service, ...dependents] = scope as [Service, ...Service[]];
  for (const s of scope) {
    ctx.busy.add(s.name);
    ctx.recovering.add(s.name);
  }
  try {
    await ctx.prepare();
    for (const dependent of [...dependents].reverse()) await step(ctx, event, 'stop', dependent, () => stopped(ctx.driver, dependent));
    const variant = await chooseVariant(ctx, service, request, event);
    if (variant === null) {
      ctx.state.watch(service.name)!.failed = true;
      return finish(ctx, event, 'failed');
    }
    await step(ctx, event, 'stop', service, () => stopped(ctx.driver, service));
    ctx.metrics.restart(service.name, request.kind);
    await step(ctx, event, 'start', service, () => started(ctx, service, variant));
    ctx.busy.delete(service.name);
    const back = await step(ctx, event, 'wait', service, () => judgedHealthy(ctx, service));
    for (const dependent of dependents) {
      await step(ctx, event, 'start', dependent, () => started(ctx, dependent, ctx.variants.get(dependent.name)));
      await step(ctx, event, 'wait', dependent, () => ready(ctx, dependent));
    }
    finish(ctx, event, !back ? 'failed' : variant !== ctx.variants.get(service.name) ? 'fallback' : 'recovered');
    if (back) ctx.variants.set(service.name, variant);
  } finally {
    for (const s of scope) {
      ctx.busy.delete(s.name);
      ctx.recovering.delete(s.name);
    }
  }
}

/**
 * The variant to start: the one it runs while attempts are left; once they are used up, the next
 * fallback whose `when` matches how it failed; null when there is none (the service is failed).
 */
async function chooseVariant(ctx: RecoveryContext, service: Service, request: RecoveryRequest, event: RecoveryEvent): Promise<Fallback | undefined | null> {
  const current = ctx.variants.get(service.name);
  if (request.requested) return current;
  const watch = ctx.state.watch(service.name)!;
  if (!watch.budget.exhausted()) {
    await sleep(watch.budget.nextDelayMs(), ctx.signal);
    watch.budget.begin(ctx.state.clocks.now());
    return current;
  }
  const state = await ctx.driver.state(service);
  const output = await ctx.driver.output(service).catch(() => '');
  const after = current ? service.fallbacks.indexOf(current) : -1;
  const next = nextFallback(service.fallbacks, after, { ...(state.exitCode !== undefined ? { exitCode: state.exitCode } : {}), healthTimeout: state.running, output });
  event.steps.push({ action: 'attempts-used', service: service.name, startedAt: ctx.state.clocks.wall().toISOString(), durationMs: 0, ok: next !== undefined, detail: next ? `fallback ${next.fallback.name}` : 'no fallback matches: the service is failed' });
  return next ? next.fallback : null;
}

async function step(ctx: RecoveryContext, event: RecoveryEvent, action: string, service: Service, work: () => Promise<string | undefined>): Promise<boolean> {
  const startedAt = ctx.state.clocks.wall();
  const began = ctx.state.clocks.now();
  let failure: string | undefined;
  try {
    failure = await work();
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  const durationMs = Math.round(ctx.state.clocks.now() - began);
  event.steps.push({ action, service: service.name, startedAt: startedAt.toISOString(), durationMs, ok: failure === undefined, ...(failure !== undefined ? { detail: failure } : {}) });
  return failure === undefined;
}

async function stopped(driver: Driver, service: Service): Promise<undefined> {
  await driver.stop(service);
  return undefined;
}

async function started(ctx: RecoveryContext, service: Service, variant: Fallback | undefined): Promise<undefined> {
  await ctx.driver.start(service, variant);
  ctx.state.watch(service.name)!.restartedAt = ctx.state.clocks.now();
  return undefined;
}

/**
 * Waits until the monitor's own checks, run on their interval, judge the restarted service healthy
 * with its breaker closed: an open breaker is not probed before its time, so the wait lasts as long
 * as the breaker stays open, plus the service's start budget and the successes that close it.
 */
async function judgedHealthy(ctx: RecoveryContext, service: Service): Promise<string | undefined> {
  const watch = ctx.state.watch(service.name)!;
  const { clocks } = ctx.state;
  const since = clocks.now();
  const { breaker, intervalMs } = service.monitor;
  const deadline = (watch.breaker.reopensAt(since) ?? since) + startBudgetMs(service) + breaker.successes * intervalMs;
  for (;;) {
    const now = clocks.now();
    const snapshot = watch.snapshot(now);
    if (snapshot.health === 'healthy' && snapshot.breaker === 'closed' && (snapshot.lastCheckAt ?? 0) > since) return undefined;
    if (now >= deadline || ctx.signal.aborted) return `not judged healthy within ${Math.round((deadline - since) / 1000)}s (${snapshot.health}, breaker ${snapshot.breaker}${snapshot.errorMessage ? `: ${snapshot.errorMessage}` : ''})`;
    await sleep(Math.min(100, deadline - now), ctx.signal);
  }
}

async function ready(ctx: RecoveryContext, service: Service): Promise<string | undefined> {
  const result = await waitThroughRestarts(service, goalOf(service, ctx.state.model), ctx.driver, ctx.signal);
  if (result.ok) return undefined;
  const state = await ctx.driver.state(service).catch(() => undefined);
  return state && !state.running && state.exitCode !== undefined ? exitWhy(state, service) : result.why;
}

function finish(ctx: RecoveryContext, event: RecoveryEvent, outcome: 'recovered' | 'fallback' | 'failed'): void {
  event.outcome = outcome;
  event.endedAt = ctx.state.clocks.wall().toISOString();
  ctx.metrics.recovery(event.service, outcome);
}
