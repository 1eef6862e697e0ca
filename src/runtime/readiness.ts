import { formatDuration } from '../model/duration.js';
import type { Condition, Health, Model, Service } from '../model/types.js';
import { readinessBudgetMs } from '../targets/shared/probe.js';
import type { Driver, ServiceState } from './driver.js';
import { exitWhy } from './exit.js';
import { checkText, probe, type ProbeResult } from './probe.js';
import { roundPace } from './round-pace.js';
import { awaitedToComplete } from '../model/awaited-to-complete.js';

/** Told of each probe a wait makes. */
export type ProbeSeen = (probed: ProbeResult) => void;
const unseen: ProbeSeen = () => undefined;

export type Readiness = { ok: true; ms: number } | { ok: false; ms: number; exitCode?: number; healthTimeout: boolean; why: string };

/** The longest rest after a state answer that was slow in coming. */
const slowToolRestMs = 1_000;
/** A service without a health check counts as started once it has stayed up this long. */
const settleMs = 500;

/** What the service must reach before its dependents start. */
export function goalOf(service: Service, model: Model): Condition {
  if (awaitedToComplete(model).has(service.name)) return 'completed';
  return service.health ? 'healthy' : 'started';
}

/** How long the service has to reach its goal after a start. */
export function startBudgetMs(service: Service): number {
  return service.health ? readinessBudgetMs(service.health) : Math.max(settleMs * 4, service.stop.timeoutMs);
}

/** How one wait judges the service: how long it has, how long a probe may take, what counts as a failure. */
interface WaitRules {
  budgetMs: number;
  /** A service without a check is started once it has stayed up this long. */
  settleMs: number;
  probeTimeoutMs(health: Health, leftMs: number): number;
  failed(state: ServiceState): boolean;
  seen: ProbeSeen;
}

/** A probe gets its timeout, or what is left of the budget when that is less: a check that hangs cannot outlast the budget. */
const withinBudget = (health: Health, leftMs: number) => Math.max(1, Math.min(health.timeoutMs, leftMs));

/** An exit, or a restart by the supervisor, while the service comes up is a failure. */
const exitFails = (state: ServiceState) => exited(state) || state.restarts > 0;

/**
 * After a start: waits until the service reaches its goal, exits, or runs out of its start budget.
 * It never waits past its budget by more than the hard stop of one probe.
 */
export function waitReady(service: Service, goal: Condition, driver: Driver, signal: AbortSignal, seen = unseen): Promise<Readiness> {
  const rules: WaitRules = { budgetMs: startWaitMs(service, goal, driver), settleMs, probeTimeoutMs: withinBudget, failed: exitFails, seen };
  return new ReadinessWait(service, goal, driver, signal, rules).run();
}

/** A service already running: one probe (with its whole timeout), not a whole start-up budget. */
export function lookReady(service: Service, goal: Condition, driver: Driver, signal: AbortSignal, seen = unseen): Promise<Readiness> {
  const budgetMs = Math.min(startWaitMs(service, goal, driver), (service.health?.timeoutMs ?? 0) + settleMs);
  const rules: WaitRules = { budgetMs, settleMs: 0, probeTimeoutMs: (health) => health.timeoutMs, failed: exitFails, seen };
  return new ReadinessWait(service, goal, driver, signal, rules).run();
}

/**
 * The supervisor restarting the service is part of its coming up: only a supervisor that gave up
 * is a failure. `budgetMs` is what is left of its start budget (all of it by default).
 */
export function waitThroughRestarts(service: Service, goal: Condition, driver: Driver, signal: AbortSignal, budgetMs = startWaitMs(service, goal, driver), seen = unseen): Promise<Readiness> {
  const failed = (state: ServiceState) => exited(state) && !state.restarting;
  const rules: WaitRules = { budgetMs, settleMs, probeTimeoutMs: withinBudget, failed, seen };
  return new ReadinessWait(service, goal, driver, signal, rules).run();
}

/** The start budget, and, to be counted as started, the time the tool itself waits for that (supervisord's startsecs). */
function startWaitMs(service: Service, goal: Condition, driver: Driver): number {
  return startBudgetMs(service) + (goal === 'started' ? (driver.startedAfterMs?.(service) ?? 0) : 0);
}

function exited(state: ServiceState): boolean {
  return !state.running && state.exitCode !== undefined;
}

type Verdict = Readiness | undefined;

/** One wait: rounds of asking the tool for the state and probing the check, until a verdict. */
class ReadinessWait {
  private readonly began = Date.now();
  private probeDue = 0;
  private lastProbe: ProbeResult | undefined;
  private timeouts = 0;

  constructor(
    private readonly service: Service,
    private readonly goal: Condition,
    private readonly driver: Driver,
    private readonly signal: AbortSignal,
    private readonly rules: WaitRules,
  ) {
  }

  async run(): Promise<Readiness> {
    const leave = roundPace.enter();
    try {
      let verdict: Verdict;
      while (!(verdict = await this.round()));
      return verdict;
    } finally {
      leave();
    }
  }

  /**
   * While a service comes up, its state is asked and its check probed this often (as Docker's
   * `start_interval` does during the start period), whatever the configured interval: its
   * readiness, its exit or its tool going away is seen within one round.
   */
  private get intervalMs(): number {
    const paced = roundPace.intervalMs();
    return Math.min(paced, this.service.health?.intervalMs ?? paced);
  }

  private elapsed(): number {
    return Date.now() - this.began;
  }

  private async round(): Promise<Verdict> {
    if (this.signal.aborted) return { ok: false, ms: this.elapsed(), healthTimeout: false, why: 'interrupted' };
    const roundStarted = this.elapsed();
    const health = this.goal === 'healthy' && roundStarted >= this.probeDue ? this.service.health : undefined;
    const timeoutMs = health ? this.rules.probeTimeoutMs(health, this.rules.budgetMs - roundStarted) : 0;
    // State and probe at once: a probe that passes counts only if the state, asked meanwhile, says
    // running, and past the tool's own gate: healthy means healthy to the tool too. Where the tool
    // runs the check itself (Docker), its word decides, as it does for the tool's own dependents;
    // the probe from here is still made, for what it shows.
    const [state, probed] = await Promise.all([timed(this.driver.state(this.service)), health ? probe(health.check, timeoutMs, this.service, this.driver) : undefined]);
    if (probed) {
      this.rules.seen(probed);
      this.lastProbe = probed;
    }
    const probeDecides = state.running && !state.gated && state.health === undefined;
    const verdict = this.judgeState(state) ?? (health && probed && probeDecides ? this.judgeProbe(health, probed, timeoutMs, roundStarted) : undefined);
    if (verdict) return verdict;
    if (this.elapsed() >= this.rules.budgetMs) return { ok: false, ms: this.elapsed(), healthTimeout: true, why: this.timeoutWhy() };
    // Likewise for the state: a tool slow to answer (a CLI per question) is asked at most half the
    // time, but never left for more than a second: one late answer (a daemon busy spawning a hundred
    // programs) must not use up the rest of the budget.
    const left = Math.max(0, this.rules.budgetMs - this.elapsed());
    const rest = Math.min(Math.max(state.askedMs, roundStarted + this.intervalMs - this.elapsed()), Math.max(slowToolRestMs, this.intervalMs));
    await sleep(Math.min(rest, left), this.signal);
    return undefined;
  }

  private judgeState(state: ServiceState): Verdict {
    const ms = this.elapsed();
    if (this.goal === 'completed' && exited(state) && state.exitCode === 0) return { ok: true, ms };
    if (this.rules.failed(state)) {
      const code = state.exitCode;
      return { ok: false, ms, ...(code !== undefined ? { exitCode: code } : {}), healthTimeout: false, why: exitWhy(state, this.service) };
    }
    if (this.goal === 'started' && state.running && !state.starting && ms >= this.rules.settleMs) return { ok: true, ms };
    if (this.goal === 'healthy' && state.running && state.health === 'healthy') return { ok: true, ms };
    // Compose fails a dependent's start on this too (service_healthy)
    if (this.goal === 'healthy' && state.running && state.health === 'unhealthy') return { ok: false, ms, healthTimeout: true, why: "the tool's own health check says unhealthy (its check ran out of retries)" };
    return undefined;
  }

  private judgeProbe(health: Health, probed: ProbeResult, timeoutMs: number, roundStarted: number): Verdict {
    // Only probes that had their whole timeout count as timed out.
    if (probed.timedOut && timeoutMs === health.timeoutMs) this.timeouts++;
    if (probed.ok) return { ok: true, ms: this.elapsed() };
    // At most one probe per probe's own duration: a slow check is not run back to back.
    this.probeDue = Math.max(roundStarted + this.intervalMs, this.elapsed() + probed.ms);
    return undefined;
  }

  private timeoutWhy(): string {
    const budget = this.rules.budgetMs;
    if (this.goal !== 'healthy') return `not ${this.goal} after ${Math.round(budget / 1000)}s`;
    const health = this.service.health!;
    const { lastProbe, timeouts } = this;
    if (lastProbe?.timedOut && timeouts > 0) return `health check ${checkText(health.check)} timed out after ${formatDuration(health.timeoutMs)}, ${timeouts} time${timeouts === 1 ? '' : 's'}`;
    return `not healthy after ${Math.round(budget / 1000)}s (${lastProbe?.detail ?? 'never running'})`;
  }
}

async function timed(asking: Promise<ServiceState>): Promise<ServiceState & { askedMs: number }> {
  const started = performance.now();
  const state = await asking;
  return { ...state, askedMs: performance.now() - started };
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
