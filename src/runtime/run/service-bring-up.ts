import type { Condition, Fallback, Model, Service } from '../../model/types.js';
import type { Driver, ServiceState } from '../driver.js';
import type { Phase } from '../events.js';
import { nextFallback } from '../fallback.js';
import { takenPorts, takenText } from '../ports.js';
import type { ProbeResult } from '../probe.js';
import { stopOrphan } from '../process-tracking.js';
import { goalOf, lookReady, startBudgetMs, waitReady, waitThroughRestarts, type Readiness } from '../readiness.js';
import { ToolGone } from '../tool-gone.js';
import { fingerprint } from './fingerprint.js';
import { exitOf, failedOutcome, listed, readyOutcome, type Failure, type Outcome } from './outcome.js';
import type { StateBook } from './state-book.js';

/** What bringing one service up needs from its run. */
export interface BringUpRun {
  model: Model;
  /** The driver, recording every main process it reports. */
  driver: Driver;
  book: StateBook;
  /** Aborted on Ctrl-C and when the tool goes away: every wait stops. */
  signal: AbortSignal;
  forceRecreate: boolean;
  preselected: ReadonlyMap<string, Fallback>;
  report(service: Service, phase: Phase, extra?: { variant?: string; why?: string }): void;
  /** Each probe of the service while it comes up. */
  probed(service: Service, probed: ProbeResult): void;
  /** Called before each start, so that a rollback knows what this run started. */
  starting(service: Service): void;
  /** The tool gone, once it went away. */
  gone(): ToolGone | undefined;
  /** The services that depend on this one, to say who waited for it. */
  dependentsOf(service: Service): string[];
}

type Next = { index: number; fallback: Fallback } | undefined;

/**
 * One service's way up: left alone when it runs unchanged, else started (as its recorded or
 * preselected variant), waited for, waited for through its supervisor's restarts, and on failure
 * started again as each fallback whose `when` matches, in order.
 */
export class ServiceBringUp {
  private readonly goal: Condition;
  private variant: Fallback | undefined;
  /** The variant's place among the fallbacks; -1 for the service itself. */
  private variantIndex = -1;
  private readonly seen = (probed: ProbeResult) => this.run.probed(this.service, probed);

  constructor(
    private readonly service: Service,
    private readonly run: BringUpRun,
  ) {
    this.goal = goalOf(service, run.model);
    const record = run.book.record(service.name);
    this.variant = run.preselected.get(service.name) ?? service.fallbacks.find((f) => f.name === record?.variant);
    if (this.variant) this.variantIndex = service.fallbacks.indexOf(this.variant);
  }

  async bringUp(): Promise<Outcome> {
    const current = await this.run.driver.state(this.service);
    const unchanged = await this.keptUnchanged(current);
    if (unchanged) return unchanged;
    // Still running from a run whose tool went away: the tool no longer knows it, so it is stopped here.
    if (!current.running) await stopOrphan(this.service, this.run.book.state);
    return this.attempt(current.running || this.variant !== undefined);
  }

  private named(): { variant?: string } {
    return this.variant ? { variant: this.variant.name } : {};
  }

  private report(phase: Phase, extra: { variant?: string; why?: string } = this.named()): void {
    this.run.report(this.service, phase, extra);
  }

  /** A healthy service whose fingerprint has not changed is left alone. */
  private async keptUnchanged(current: ServiceState): Promise<Outcome | undefined> {
    const { service, run } = this;
    const record = run.book.record(service.name);
    if (run.forceRecreate || !(current.running || this.goal === 'completed') || record?.fingerprint !== fingerprint(service, this.variant)) return undefined;
    const check = await lookReady(service, this.goal, run.driver, run.signal, this.seen);
    if (!check.ok) return undefined;
    this.report('unchanged');
    run.book.ready(service.name);
    return readyOutcome(service, this.goal, check, false, this.variant);
  }

  /** One start of the current variant; on a failure with a matching fallback, the next attempt (one per fallback at most). */
  private async attempt(stopFirst: boolean): Promise<Outcome> {
    const { service, run } = this;
    this.report('starting');
    if (stopFirst) await run.driver.stop(service);
    run.book.starting(service.name, { fingerprint: fingerprint(service, this.variant), ...this.named() });
    run.starting(service);
    const { readiness, next } = await this.startedReadiness();
    const gone = run.gone();
    if (gone) throw gone;
    if (readiness.ok) return this.ready(readiness);
    if (!next) return this.failed(readiness);
    this.report('fallback', { variant: next.fallback.name, why: readiness.why });
    await run.driver.stop(service);
    this.variant = next.fallback;
    this.variantIndex = next.index;
    return this.attempt(true);
  }

  /** The start's readiness, through the supervisor's restarts when it is restarting the service, and the fallback it calls for. */
  private async startedReadiness(): Promise<{ readiness: Readiness; next: Next }> {
    let readiness = await this.startAndWait();
    let next = await this.fallbackAfter(readiness);
    if (!readiness.ok && !next && (await this.restartUnderWay(readiness))) {
      this.report('restarting', { ...this.named(), why: `${readiness.why}; restart: ${this.service.restart.policy}` });
      readiness = await this.throughRestarts(readiness);
      next = await this.fallbackAfter(readiness);
    }
    return { readiness, next };
  }

  /** A start the tool refuses is a failure of the service, like one that exits. */
  private async startAndWait(): Promise<Readiness> {
    const { service, run } = this;
    try {
      await run.driver.start(service, this.variant);
    } catch (error) {
      if (error instanceof ToolGone) throw error;
      return { ok: false, ms: 0, healthTimeout: false, why: (error as Error).message.split('\n')[0]! };
    }
    this.report('waiting');
    return waitReady(service, this.goal, run.driver, run.signal, this.seen);
  }

  private async fallbackAfter(readiness: Readiness): Promise<Next> {
    if (readiness.ok || this.run.signal.aborted) return undefined;
    const output = await this.run.driver.output(this.service).catch(() => '');
    return nextFallback(this.service.fallbacks, this.variantIndex, { ...exitOf(readiness), healthTimeout: readiness.healthTimeout, output });
  }

  /**
   * The service exited while coming up, its restart policy lets its supervisor start it again, and
   * the supervisor is doing so: `up` then waits for it within what is left of its budget.
   */
  private async restartUnderWay(readiness: Failure): Promise<boolean> {
    const { service, run } = this;
    if (readiness.healthTimeout || readiness.exitCode === undefined || run.signal.aborted) return false;
    if (service.restart.policy === 'no' || service.restart.maxAttempts === 0 || readiness.ms >= startBudgetMs(service)) return false;
    const now = await run.driver.state(service);
    return now.running || now.restarting === true;
  }

  private async throughRestarts(first: Failure): Promise<Readiness> {
    const { service, run } = this;
    const rest = await waitThroughRestarts(service, this.goal, run.driver, run.signal, startBudgetMs(service) - first.ms, this.seen);
    if (rest.ok) return { ok: true, ms: first.ms + rest.ms };
    return { ...rest, ms: first.ms + rest.ms, why: `${first.why}; restarted, then ${rest.why}` };
  }

  private ready(readiness: Readiness): Outcome {
    this.report(this.goal === 'healthy' ? 'healthy' : this.goal === 'completed' ? 'completed' : 'running');
    this.run.book.ready(this.service.name);
    return readyOutcome(this.service, this.goal, readiness, true, this.variant);
  }

  private async failed(readiness: Failure): Promise<Outcome> {
    const why = await this.failureWhy(readiness);
    this.report('failed', { ...this.named(), why });
    return failedOutcome(this.service, why, 'unhealthy', this.variant);
  }

  /** Why the service failed, with what the failure did to others and what may explain it. */
  private async failureWhy(readiness: Failure): Promise<string> {
    if (readiness.healthTimeout || this.run.signal.aborted) return readiness.why;
    const waiting = this.run.dependentsOf(this.service);
    const whileWaiting = readiness.exitCode !== undefined && waiting.length > 0 ? ` while ${listed(waiting)} waited for it` : '';
    // A port taken between preflight and the start is the usual reason a server exits at once.
    const taken = (await takenPorts(this.service)).map((port) => `; ${takenText(port)}`).join('');
    return `${readiness.why}${whileWaiting}${taken}`;
  }
}
