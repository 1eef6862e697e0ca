import { targetServices, targetWaves, waveNumbers } from '../../runtime/services.js';
import type { Runtime } from '../actions/runtime-setup.js';
import type { BoardEntry, BoardKind } from './board.js';

/** The target's services for the board: their startup wave, and what each waits on for `kind`. */
export function boardEntries(runtime: Runtime, kind: BoardKind): BoardEntry[] {
  const services = targetServices(runtime.context.model, runtime.driver.target);
  const byName = new Map(services.map((s) => [s.name, s]));
  const waveOf = waveNumbers(targetWaves(runtime.plan.waves, byName));
  const dependencies = (name: string) => byName.get(name)!.dependsOn.map((d) => d.name).filter((d) => byName.has(d));
  const dependents = (name: string) => services.filter((s) => dependencies(s.name).includes(name)).map((s) => s.name);
  return services.map((s) => ({ service: s.name, wave: waveOf.get(s.name)!, waitsOn: kind === 'up' ? dependencies(s.name) : dependents(s.name) }));
}
