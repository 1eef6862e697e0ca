import type { UnitContext } from './context.js';
import { entry, type Entry } from './sections.js';

/** Limits on the unit's cgroup, for processes (a container gets them as engine flags). */
export function resourceEntries(ctx: UnitContext): Entry[] {
  const { resources } = ctx.service;
  if (ctx.service.kind === 'container') return [];
  const entries: Entry[] = [];
  if (resources.memoryBytes !== undefined) entries.push(entry('MemoryMax', String(resources.memoryBytes)));
  if (resources.cpus !== undefined) entries.push(entry('CPUQuota', cpuQuota(resources.cpus)));
  return entries;
}

/** cpus 1.5 → 150%; systemd keeps two decimals of a percent. */
export function cpuQuota(cpus: number): string {
  return `${Number((cpus * 100).toFixed(2))}%`;
}
