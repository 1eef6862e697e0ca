import type { Service } from '../model/types.js';
import { projectNetworkName, usesProjectNetwork } from '../targets/shared/container/network.js';

/**
 * How to find what services left on this machine without asking their tool: the containers they
 * run in, and the marks their processes (and every child of them) carry.
 */
export interface Footprint {
  /** Containers of exactly these names. */
  containers: string[];
  /** Networks of exactly these names: the project network, which `down` removes with the stack. */
  networks: string[];
  /** Compose's containers: labelled with the project and one of these services. */
  compose?: { project: string; services: string[] };
  /** A process is the services' when its environment holds every `NAME=value` of one entry. */
  environ: string[][];
  /** ...or when its cgroup path has one of these systemd units as a component. */
  units: string[];
  /** Set when the services run on another machine, whose processes cannot be looked at from here: why. */
  elsewhere?: string;
}

export const emptyFootprint = (): Footprint => ({ containers: [], networks: [], environ: [], units: [] });

/** The project network, when a container of these services joins it. */
export function networksOf(project: string, services: readonly Service[]): string[] {
  return usesProjectNetwork(services) ? [projectNetworkName(project)] : [];
}

/** Whether there are containers to look for: only then must the engine answer. */
export function looksForContainers(footprint: Footprint): boolean {
  return footprint.containers.length > 0 || footprint.networks.length > 0 || (footprint.compose?.services.length ?? 0) > 0;
}

/** The container names of the services that run in a container, as themselves or as a fallback variant. */
export function containersOf(services: readonly Service[], name: (service: string) => string): string[] {
  return services.filter((s) => [s, ...s.fallbacks.map((f) => f.service)].some((v) => v.kind === 'container')).map((s) => name(s.name));
}
