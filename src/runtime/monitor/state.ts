import type { StartupPlan } from '../../graph/plan.js';
import type { Model, Service } from '../../model/types.js';
import { healthScore, overallHealth, type OverallHealth } from './overall.js';
import { RecoveryLog } from './recovery-log.js';
import { ServiceWatch } from './service-watch.js';

/** A monotonic clock in milliseconds and the wall clock, given so tests can hold time still. */
export interface Clocks {
  now(): number;
  wall(): Date;
}

export const systemClocks: Clocks = { now: () => performance.now(), wall: () => new Date() };

/** What the monitor knows of the whole stack: a watch per service, the plan, and the recovery history. */
export class MonitorState {
  readonly watches: ReadonlyMap<string, ServiceWatch>;
  readonly log = new RecoveryLog();
  readonly startedAt: Date;
  readonly #startedNow: number;

  constructor(
    readonly model: Model,
    readonly plan: StartupPlan,
    readonly target: string,
    readonly clocks: Clocks = systemClocks,
  ) {
    this.watches = new Map(model.services.map((service) => [service.name, new ServiceWatch(service)]));
    this.startedAt = clocks.wall();
    this.#startedNow = clocks.now();
  }

  watch(name: string): ServiceWatch | undefined {
    return this.watches.get(name);
  }

  /** The wall-clock time of a monotonic reading. */
  wallOf(at: number): Date {
    return new Date(this.startedAt.getTime() + (at - this.#startedNow));
  }

  uptimeSeconds(): number {
    return Math.round((this.clocks.now() - this.#startedNow) / 100) / 10;
  }

  overall(): { health: OverallHealth; score: number } {
    const now = this.clocks.now();
    const standings = [...this.watches.values()].map((w) => {
      const snapshot = w.snapshot(now);
      return { essential: w.service.essential, health: snapshot.health, breaker: snapshot.breaker };
    });
    return { health: overallHealth(standings), score: healthScore(standings) };
  }

  /** The services that depend on `name`, directly, in declaration order. */
  dependents(name: string): string[] {
    return this.model.services.filter((s) => s.dependsOn.some((d) => d.name === name)).map((s) => s.name);
  }

  /** `name` and everything that depends on it, through any chain, in startup order. */
  dependentsClosure(name: string): Service[] {
    const found = new Set([name]);
    const order = this.plan.waves.flat().filter((s) => this.watches.has(s));
    for (const service of order) if (this.#dependsOnAny(service, found)) found.add(service);
    return order.filter((s) => found.has(s) && s !== name).map((s) => this.watches.get(s)!.service);
  }

  #dependsOnAny(name: string, names: ReadonlySet<string>): boolean {
    return this.watches.get(name)!.service.dependsOn.some((d) => names.has(d.name));
  }
}
