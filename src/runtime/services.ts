import type { Model, Service, TargetName } from '../model/types.js';

export function targetServices(model: Model, target: TargetName): Service[] {
  return model.services.filter((s) => s.targets.includes(target));
}

/** Waves of the plan (startup or shutdown), keeping only the services on this target and dropping empty waves. */
export function targetWaves(waves: readonly (readonly string[])[], byName: ReadonlyMap<string, Service>): Service[][] {
  return waves.map((wave) => wave.flatMap((name) => byName.get(name) ?? [])).filter((wave) => wave.length > 0);
}

/** Each service's startup wave on this target, from 1: its depth in the target's dependency graph, as events print it. */
export function waveNumbers(startupWaves: readonly (readonly Service[])[]): Map<string, number> {
  return new Map(startupWaves.flatMap((wave, index) => wave.map((service) => [service.name, index + 1] as const)));
}
