import type { Service } from '../../../model/types.js';
import type { Footprint } from '../../footprint.js';
import { runningContainerIds } from './containers.js';
import { processesByService } from './owners.js';
import { kernelUnits, processUsage } from './proc-usage.js';

export interface Resources {
  /** CPU time of every process the service has had since sampling began: it never goes down. */
  cpuSeconds: number;
  residentBytes: number;
}

/** A process seen in an earlier sample, by `pid:start`, with the CPU it had used then. */
type Seen = Map<string, number>;

/**
 * Measures each service's processes, its containers' included, as the kernel sees them. A process
 * that exits keeps the CPU it was last seen with, so the total only grows; what it used after the
 * last sample is lost. Services on another machine (systemd --host) are not measured.
 */
export class ResourceSampler {
  readonly #seen = new Map<string, Seen>();
  readonly #gone = new Map<string, number>();

  constructor(private readonly footprintOf: (service: Service) => Footprint) {}

  async sample(services: readonly Service[]): Promise<Map<string, Resources>> {
    const footprints = new Map(services.map((s) => [s.name, this.footprintOf(s)] as const));
    const { ticksPerSecond, pageBytes } = await kernelUnits();
    const owned = processesByService(footprints, await runningContainerIds(footprints));
    const measured = new Map<string, Resources>();
    for (const [name, footprint] of footprints) {
      if (footprint.elsewhere !== undefined) continue;
      const { ticks, pages } = this.#account(name, owned.get(name) ?? []);
      measured.set(name, { cpuSeconds: ticks / ticksPerSecond, residentBytes: pages * pageBytes });
    }
    return measured;
  }

  /** CPU ticks of the live processes plus those of the ones gone since, and their resident pages. */
  #account(service: string, pids: readonly number[]): { ticks: number; pages: number } {
    const before = this.#seen.get(service) ?? new Map<string, number>();
    const now: Seen = new Map();
    let ticks = 0;
    let pages = 0;
    for (const pid of pids) {
      const usage = processUsage(pid);
      if (!usage) continue;
      now.set(`${pid}:${usage.start}`, usage.cpuTicks);
      ticks += usage.cpuTicks;
      pages += usage.residentPages;
    }
    let gone = this.#gone.get(service) ?? 0;
    for (const [key, last] of before) if (!now.has(key)) gone += last;
    this.#gone.set(service, gone);
    this.#seen.set(service, now);
    return { ticks: ticks + gone, pages };
  }
}
