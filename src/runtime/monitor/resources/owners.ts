import { readdirSync } from 'node:fs';
import type { Footprint } from '../../footprint.js';
import { cgroupPaths, environMark, unitMark } from '../../process-marks.js';

/**
 * Every live process of each service, from one pass over /proc: those carrying the marks of its
 * footprint (an environment variable its tool sets, its systemd unit's cgroup) and those in the
 * cgroup of one of its containers.
 */
export function processesByService(footprints: ReadonlyMap<string, Footprint>, containerIds: ReadonlyMap<string, string[]>): Map<string, number[]> {
  const owned = new Map<string, number[]>();
  const marks = [...footprints].filter(([, f]) => f.elsewhere === undefined);
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const owner = ownerOf(pid, marks, containerIds);
    if (owner !== undefined) owned.set(owner, [...(owned.get(owner) ?? []), pid]);
  }
  return owned;
}

function ownerOf(pid: number, marks: ReadonlyArray<readonly [string, Footprint]>, containerIds: ReadonlyMap<string, string[]>): string | undefined {
  for (const [service, footprint] of marks) {
    if (environMark(pid, footprint.environ) !== undefined || unitMark(pid, footprint.units) !== undefined) return service;
  }
  if (containerIds.size === 0) return undefined;
  const paths = cgroupPaths(pid);
  for (const [service, ids] of containerIds) {
    if (ids.some((id) => paths.some((path) => path.includes(id)))) return service;
  }
  return undefined;
}
