import { setMaxListeners } from 'node:events';
import type { Fallback } from '../../model/types.js';
import type { Driver } from '../driver.js';
import type { MonitorActions } from './api/routes.js';
import { abandoned, checkService, type Checked } from './check.js';
import type { MonitorMetrics } from './metrics.js';
import type { RecoveryEvent } from './recovery-log.js';
import { ResourceSampler } from './resources/sampler.js';
import { recover, recoveryScope, type RecoveryContext, type RecoveryRequest } from './recovery.js';
import type { ServiceWatch } from './service-watch.js';
import type { MonitorState } from './state.js';

/** What the monitor tells whoever runs it: a change of a service's standing, a recovery begun or ended. */
export type MonitorReport = (line: string) => void;

/**
 * Checks every service on its own interval (concurrently across services, never two at once for
 * one), feeds breakers, health and metrics, and recovers a service whose breaker opened or whose
 * tool gave up on it, through the driver, one recovery at a time per dependency chain.
 */
export class Monitor implements MonitorActions {
  readonly #ctx: RecoveryContext;
  readonly #abort = new AbortController();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #checking = new Map<string, Promise<void>>();
  readonly #recoveries = new Set<Promise<void>>();
  readonly #sampler: ResourceSampler;
  #sampling: Promise<void> | undefined;

  constructor(
    private readonly state: MonitorState,
    driver: Driver,
    private readonly metricsOf: MonitorMetrics,
    variants: Map<string, Fallback | undefined>,
    private readonly report: MonitorReport,
  ) {
    let prepared: Promise<void> | undefined;
    const prepare = () => (prepared ??= driver.prepare());
    // every service's checks and recoveries wait on it at once: a hundred listeners are no leak
    setMaxListeners(0, this.#abort.signal);
    this.#ctx = { state, driver, metrics: metricsOf, variants, busy: new Set(), recovering: new Set(), signal: this.#abort.signal, prepare };
    this.#sampler = new ResourceSampler((service) => driver.footprint([service]));
  }

  start(): void {
    for (const watch of this.state.watches.values()) this.#schedule(watch, 0);
    this.#sampleResources(0);
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    await Promise.allSettled([...this.#checking.values(), ...this.#recoveries, this.#sampling]);
  }

  async trigger(): Promise<void> {
    await Promise.all([...this.state.watches.values()].map((watch) => this.#check(watch)));
  }

  restart(name: string, withDependents: boolean): RecoveryEvent {
    return this.#begin({ name, reason: 'restart requested through the API', kind: 'requested', withDependents, requested: true });
  }

  recover(name: string): RecoveryEvent {
    const watch = this.state.watch(name)!;
    return this.#begin({ name, reason: 'recovery requested through the API', kind: 'requested', withDependents: watch.service.monitor.recovery.restartDependents });
  }

  metrics(): Promise<string> {
    return this.metricsOf.text();
  }

  /** CPU and memory of every service, as often as the most frequent check, at most once a second. */
  #sampleResources(delayMs: number): void {
    const services = [...this.state.watches.values()].map((w) => w.service);
    if (this.#abort.signal.aborted || services.length === 0) return;
    const periodMs = Math.max(1_000, Math.min(...services.map((s) => s.monitor.intervalMs)));
    this.#timers.set('\0resources', setTimeout(() => {
      this.#sampling = this.#sampler
        .sample(services)
        .then((measured) => measured.forEach((resources, name) => this.metricsOf.resources(name, resources)))
        .catch((error: unknown) => this.report(`resources: cannot measure (${(error as Error).message.split('\n')[0]})`))
        .finally(() => this.#sampleResources(periodMs));
    }, delayMs));
  }

  #schedule(watch: ServiceWatch, delayMs: number): void {
    if (this.#abort.signal.aborted) return;
    this.#timers.set(watch.service.name, setTimeout(() => void this.#tick(watch), delayMs));
  }

  async #tick(watch: ServiceWatch): Promise<void> {
    const now = this.state.clocks.now();
    const reopens = watch.breaker.reopensAt(now);
    if (reopens === undefined) await this.#check(watch);
    this.metricsOf.cycleDone(this.state.clocks.wall().getTime() / 1000);
    this.#schedule(watch, reopens !== undefined ? reopens - now : watch.service.monitor.intervalMs);
  }

  /** One check, unless one is running already or a recovery holds the service. */
  #check(watch: ServiceWatch): Promise<void> {
    const name = watch.service.name;
    const running = this.#checking.get(name);
    if (running) return running;
    if (this.#ctx.busy.has(name)) return Promise.resolve();
    const checking = this.#checkNow(watch).finally(() => this.#checking.delete(name));
    this.#checking.set(name, checking);
    return checking;
  }

  async #checkNow(watch: ServiceWatch): Promise<void> {
    const before = watch.snapshot(this.state.clocks.now());
    let checked: Checked;
    try {
      checked = await checkService(watch, this.state.model, this.#ctx.driver, () => this.state.clocks.now());
    } catch (error) {
      this.report(`${watch.service.name}: cannot ask ${this.#ctx.driver.target} (${(error as Error).message.split('\n')[0]})`);
      return;
    }
    const breaker = watch.record(checked);
    const after = watch.snapshot(checked.at);
    this.metricsOf.check(watch.service.name, checked.ok, checked.responseMs / 1000);
    this.metricsOf.standing(watch.service.name, after.health, breaker);
    if (after.health !== before.health || after.breaker !== before.breaker) {
      this.report(`${watch.service.name}: ${after.health}, breaker ${after.breaker}${checked.error ? ` (${checked.error})` : ''}`);
    }
    const why = this.#recoveryWhy(watch, checked, before.breaker !== 'open' && breaker === 'open');
    if (why !== undefined) this.#begin({ name: watch.service.name, reason: why, kind: why.startsWith('the tool') ? 'exited' : 'unhealthy', withDependents: watch.service.monitor.recovery.restartDependents });
  }

  /** Why the service needs a recovery now, if it does; never while its tool is restarting it or in its start period. */
  #recoveryWhy(watch: ServiceWatch, checked: Checked, breakerOpened: boolean): string | undefined {
    if (checked.ok || watch.failed || this.#ctx.recovering.has(watch.service.name)) return undefined;
    if (checked.state.restarting || checked.state.starting) return undefined;
    const startPeriod = watch.service.health?.startPeriodMs ?? 0;
    if (watch.restartedAt !== undefined && checked.at - watch.restartedAt < startPeriod) return undefined;
    if (abandoned(checked.state) && checked.state.exitCode !== undefined) return `the tool gave up on it: ${checked.error ?? 'not running'}`;
    if (breakerOpened) return `its breaker opened after ${watch.service.monitor.breaker.failures} failed checks (${checked.error ?? 'failing'})`;
    return undefined;
  }

  #begin(request: RecoveryRequest): RecoveryEvent {
    const event = this.state.log.begin(request.name, request.reason, this.state.clocks.wall());
    const scope = recoveryScope(this.#ctx, request);
    const held = scope.find((s) => this.#ctx.recovering.has(s.name));
    if (held) {
      event.outcome = 'failed';
      event.endedAt = event.startedAt;
      event.steps.push({ action: 'wait', service: held.name, startedAt: event.startedAt, durationMs: 0, ok: false, detail: `${held.name} is in another recovery` });
      return event;
    }
    this.report(`${request.name}: recovering (${request.reason})`);
    const running = recover(this.#ctx, request, event)
      .then(() => this.report(`${request.name}: ${event.outcome}`))
      .catch((error: unknown) => this.report(`${request.name}: recovery stopped (${(error as Error).message})`))
      .finally(() => this.#recoveries.delete(running));
    this.#recoveries.add(running);
    return event;
  }
}
