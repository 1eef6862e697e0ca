import type { Service } from '../../model/types.js';
import type { Outcome } from './outcome.js';

/**
 * When a service may start. `dependencies`: as soon as each of its own dependencies on the target
 * has settled (reached its goal, failed or been skipped), as Compose does. `waves`: once every
 * service of an earlier wave has settled, the strict order `up` kept before (kept for comparison).
 */
export type StartGate = 'dependencies' | 'waves';

/** Each service's place in the run, as process-compose keeps one per process. */
export type Progress = 'pending' | 'coming-up' | 'ready' | 'failed' | 'skipped';

export interface ScheduleHooks {
  /** Brings the service up; resolves to how that ended. */
  bringUp(service: Service): Promise<Outcome>;
  /** A required dependency did not come up: the service is not started. */
  skip(service: Service, blocker: string): void;
  /** Called with each outcome before the service counts as settled: its dependents wait for this. */
  settled(service: Service, outcome: Outcome): Promise<void>;
  /** bringUp or settled threw: the service settles as failed. */
  threw(service: Service, error: unknown): void;
}

/**
 * Starts services as their gate opens and in parallel, until none can start any more and none is
 * coming up. `halt` stops further starts; the services already coming up finish.
 */
export class StartSchedule {
  private readonly progress = new Map<string, Progress>();
  private readonly comingUp = new Set<Promise<void>>();
  private halted = false;

  constructor(
    private readonly services: readonly Service[],
    private readonly waveOf: ReadonlyMap<string, number>,
    private readonly gate: StartGate,
    private readonly hooks: ScheduleHooks,
  ) {
    for (const service of services) this.progress.set(service.name, 'pending');
  }

  progressOf(name: string): Progress | undefined {
    return this.progress.get(name);
  }

  halt(): void {
    this.halted = true;
  }

  async run(): Promise<void> {
    this.startWhatMay();
    while (this.comingUp.size > 0) {
      await Promise.race(this.comingUp);
      this.startWhatMay();
    }
  }

  /** Starts or skips every pending service whose gate is open; a skip settles at once, which may open more. */
  private startWhatMay(): void {
    let changed = true;
    while (changed && !this.halted) {
      changed = false;
      for (const service of this.services) {
        if (this.progress.get(service.name) !== 'pending' || !this.gateOpen(service)) continue;
        changed = this.skipIfBlocked(service) || changed;
        if (this.progress.get(service.name) === 'pending') this.start(service);
      }
    }
  }

  private gateOpen(service: Service): boolean {
    if (this.gate === 'dependencies') return this.dependenciesOf(service).every((name) => this.isSettled(name));
    const wave = this.waveOf.get(service.name)!;
    return this.services.every((other) => this.waveOf.get(other.name)! >= wave || this.isSettled(other.name));
  }

  /** Its dependencies on this target; one not on it is not waited for. */
  private dependenciesOf(service: Service): string[] {
    return service.dependsOn.map((d) => d.name).filter((name) => this.progress.has(name));
  }

  private isSettled(name: string): boolean {
    const progress = this.progress.get(name);
    return progress === 'ready' || progress === 'failed' || progress === 'skipped';
  }

  private skipIfBlocked(service: Service): boolean {
    const blocker = service.dependsOn.find((d) => d.required && this.progress.has(d.name) && this.progress.get(d.name) !== 'ready');
    if (!blocker) return false;
    this.progress.set(service.name, 'skipped');
    this.hooks.skip(service, blocker.name);
    return true;
  }

  private start(service: Service): void {
    this.progress.set(service.name, 'coming-up');
    const task = this.comeUp(service).finally(() => this.comingUp.delete(task));
    this.comingUp.add(task);
  }

  private async comeUp(service: Service): Promise<void> {
    try {
      const outcome = await this.hooks.bringUp(service);
      await this.hooks.settled(service, outcome);
      this.progress.set(service.name, outcome.ok ? 'ready' : 'failed');
    } catch (error) {
      this.progress.set(service.name, 'failed');
      this.hooks.threw(service, error);
    }
  }
}
