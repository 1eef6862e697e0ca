import type { StartupPlan } from '../graph/plan.js';
import type { Model, Service, TargetName } from '../model/types.js';

export function targetServices(model: Model, target: TargetName): Service[] {
  return model.services.filter((s) => s.targets.includes(target));
}

/** The plan's waves, keeping only the services on this target and dropping empty waves. */
export function targetWaves(plan: StartupPlan, byName: ReadonlyMap<string, Service>): Service[][] {
  return plan.waves.map((wave) => wave.flatMap((name) => byName.get(name) ?? [])).filter((wave) => wave.length > 0);
}
