import { setMaxListeners } from 'node:events';
import type { StartupPlan } from '../../graph/plan.js';
import type { Fallback, Model, Service } from '../../model/types.js';
import type { Driver, RuntimeContext } from '../driver.js';
import type { Phase, ServiceSummary } from '../events.js';
import type { ProbeResult } from '../probe.js';
import { recordedProcesses, recordingProcesses, stopOrphan } from '../process-tracking.js';
import { remainsOf } from '../remains.js';
import { targetServices, targetWaves, waveNumbers } from '../services.js';
import { loadState } from '../state.js';
import { ToolGone } from '../tool-gone.js';
import type { UpOptions, UpResult } from '../up.js';
import { upExitCodes } from './exit-codes.js';
import { leftText, notStartedSummary, skippedOutcome, type Outcome, type Remains } from './outcome.js';
import { ServiceBringUp, type BringUpRun } from './service-bring-up.js';
import { StartSchedule, type StartGate } from './start-schedule.js';
import { StateBook } from './state-book.js';

/**
 * One `up`: brings the target's services up through the driver, each as soon as its gate opens
 * (see StartSchedule), then degrades or rolls back. An optional service that fails is stopped and
 * its required dependents skipped; an essential one, Ctrl-C or the tool going away stops further
 * starts and, once what is coming up has settled, rolls back everything this run started, last
 * started first (every service starts after its dependencies, so that is reverse dependency order).
 */
export class StackRun implements BringUpRun {
  readonly model: Model;
  readonly driver: Driver;
  readonly book: StateBook;
  readonly signal: AbortSignal;
  readonly forceRecreate: boolean;
  readonly preselected: ReadonlyMap<string, Fallback>;
  private readonly began = Date.now();
  private readonly services: Service[];
  private readonly waveOf: Map<string, number>;
  private readonly schedule: StartSchedule;
  private readonly outcomes = new Map<string, Outcome>();
  private readonly startedThisRun: Service[] = [];
  /** Aborted when the tool goes away: every wait stops at once. */
  private readonly halt = new AbortController();
  private toolGone: ToolGone | undefined;
  /** Services that were coming up when the tool went away. */
  private readonly cutShort: Service[] = [];
  private failedEssential: Service | undefined;
  private unexpected: { error: unknown } | undefined;

  constructor(
    context: RuntimeContext,
    plan: StartupPlan,
    private readonly rawDriver: Driver,
    private readonly options: UpOptions,
    gate: StartGate = 'dependencies',
  ) {
    this.model = context.model;
    const loaded = loadState(context.stateDir, this.model.project, rawDriver.target);
    if (loaded.warning) options.reporter.warning(loaded.warning);
    this.book = new StateBook(context.stateDir, loaded.state);
    this.driver = recordingProcesses(rawDriver, loaded.state, this.book.save);
    this.signal = AbortSignal.any([options.signal, this.halt.signal]);
    // every service coming up waits on it at once: a hundred listeners are no leak
    setMaxListeners(0, this.signal);
    this.forceRecreate = options.forceRecreate;
    this.preselected = options.preselected;
    this.services = targetServices(this.model, rawDriver.target);
    this.waveOf = waveNumbers(targetWaves(plan.waves, new Map(this.services.map((s) => [s.name, s]))));
    this.schedule = new StartSchedule(this.services, this.waveOf, gate, this.scheduleHooks());
  }

  async run(): Promise<UpResult> {
    try {
      return await this.bringUpStack();
    } finally {
      // Containers made ready for services that never started (a rollback, a skipped service) go too.
      await this.rawDriver.discardUnstarted?.().catch(() => undefined);
    }
  }

  report(service: Service, phase: Phase, extra: { variant?: string; why?: string } = {}): void {
    this.options.reporter.event({ service: service.name, wave: this.waveOf.get(service.name)!, phase, elapsedMs: Date.now() - this.began, ...extra });
  }

  probed(service: Service, probed: ProbeResult): void {
    this.options.reporter.probe?.({ service: service.name, ok: probed.ok });
  }

  starting(service: Service): void {
    if (!this.startedThisRun.includes(service)) this.startedThisRun.push(service);
  }

  gone(): ToolGone | undefined {
    return this.toolGone;
  }

  dependentsOf(service: Service): string[] {
    return this.services.filter((s) => s.dependsOn.some((d) => d.name === service.name)).map((s) => s.name);
  }

  private async bringUpStack(): Promise<UpResult> {
    const stopStarting = () => this.schedule.halt();
    this.options.signal.addEventListener('abort', stopStarting, { once: true });
    if (this.options.signal.aborted) stopStarting();
    try {
      await this.rawDriver.prepare();
      await this.schedule.run();
    } catch (error) {
      if (!(error instanceof ToolGone)) throw error;
      this.toolGone ??= error;
    } finally {
      this.options.signal.removeEventListener('abort', stopStarting);
    }
    if (this.unexpected) throw this.unexpected.error;
    if (this.toolGone) return this.afterToolGone(this.toolGone);
    if (this.failedEssential || this.options.signal.aborted) return this.afterFailure();
    return this.finished();
  }

  private scheduleHooks() {
    return {
      bringUp: (service: Service) => new ServiceBringUp(service, this).bringUp(),
      skip: (service: Service, blocker: string) => {
        this.report(service, 'skipped', { why: `needs ${blocker}` });
        this.outcomes.set(service.name, skippedOutcome(service, `needs ${blocker}`));
      },
      settled: (service: Service, outcome: Outcome) => this.settled(service, outcome),
      threw: (service: Service, error: unknown) => this.threw(service, error),
    };
  }

  private async settled(service: Service, outcome: Outcome): Promise<void> {
    this.outcomes.set(service.name, outcome);
    if (outcome.summary.state !== 'failed' || this.options.signal.aborted) return;
    if (service.essential) {
      this.failedEssential ??= service;
      this.schedule.halt();
      return;
    }
    this.report(service, 'stopping', { why: 'optional: carrying on without it' });
    await this.stopAndForget(service);
  }

  /** The tool went away (the others stop waiting), or something unforeseen: no more starts either way. */
  private threw(service: Service, error: unknown): void {
    this.schedule.halt();
    if (!(error instanceof ToolGone)) {
      this.unexpected ??= { error };
      return;
    }
    this.toolGone ??= error;
    this.cutShort.push(service);
    this.halt.abort();
  }

  private finished(): UpResult {
    const summary = this.summary();
    const degraded = summary.some((row) => row.state === 'failed' || row.state === 'skipped');
    this.options.reporter.summary(summary, degraded ? 'degraded: optional services are down' : 'healthy: every service is up');
    return { code: degraded ? upExitCodes.degraded : upExitCodes.healthy, summary };
  }

  private async afterFailure(): Promise<UpResult> {
    const left = await this.rollback();
    const summary = this.summary();
    const interrupted = this.options.signal.aborted;
    const what = interrupted ? 'interrupted: rolled back what this run started' : `failed: essential service ${this.failedEssential!.name} did not come up; rolled back`;
    this.options.reporter.summary(summary, `${what}${leftText(left)}`);
    return { code: left.left.length > 0 ? upExitCodes.leftRunning : interrupted ? upExitCodes.interrupted : upExitCodes.rolledBack, summary };
  }

  private async afterToolGone(error: ToolGone): Promise<UpResult> {
    const why = `${error.message} while the stack was coming up`;
    for (const service of this.services.filter((s) => this.cutShort.includes(s))) {
      this.report(service, 'failed', { why });
      this.outcomes.set(service.name, { ok: false, started: true, summary: { service: service.name, state: 'failed', health: '-', why } });
    }
    const left = await this.rollback();
    const summary = this.summary();
    this.options.reporter.summary(summary, `failed: ${why}; rolled back what this run started${leftText(left)}`);
    return { code: left.left.length > 0 ? upExitCodes.leftRunning : upExitCodes.rolledBack, summary };
  }

  private summary(): ServiceSummary[] {
    return this.services.map((s) => this.outcomes.get(s.name)?.summary ?? notStartedSummary(s));
  }

  /** Stops what this run started, last first; resolves to what is still there after it (see remains.ts). */
  private async rollback(): Promise<Remains> {
    const started = this.startedThisRun;
    const recorded = recordedProcesses(this.book.state, started);
    for (const service of [...started].reverse()) {
      this.report(service, 'stopping', { why: 'rolling back' });
      await this.stopAndForget(service);
    }
    // The project network stays: services this run did not start may still be on it.
    const footprint = { ...this.rawDriver.footprint(started), networks: [] };
    return { left: await remainsOf(footprint, recorded), ...(footprint.elsewhere ? { unseen: footprint.elsewhere } : {}) };
  }

  /** Stops it through the tool (unless the tool is gone), then its recorded process if that survived. */
  private async stopAndForget(service: Service): Promise<void> {
    try {
      if (!this.toolGone) await this.rawDriver.stop(service);
    } catch (error) {
      if (!(error instanceof ToolGone)) throw error;
    }
    const pid = await stopOrphan(service, this.book.state);
    if (pid !== undefined) this.report(service, 'stopped', { why: `stopped its process ${pid} directly` });
    this.book.forget(service.name);
  }
}
