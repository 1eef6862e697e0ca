import type { StartupPlan } from '../graph/plan.js';
import type { Service } from '../model/types.js';
import type { Driver, RuntimeContext } from './driver.js';
import type { Reporter } from './events.js';
import { recordedProcesses, stopOrphan } from './process-tracking.js';
import { remainsOf } from './remains.js';
import { targetServices, targetWaves, waveNumbers } from './services.js';
import { loadState, writeState, type RuntimeState } from './state.js';

/**
 * Stops the stack in the plan's shutdown order (dependents before what they depend on, the services
 * of one shutdown wave in parallel), then whatever `up` started for it; returns what is left, as the
 * tool sees it and as the kernel and the container engine do (see remains.ts), and why the kernel's
 * look was not possible, when the services run on another machine. A main process `up` recorded
 * that survived its tool (killed, or unable to stop it) is stopped too.
 */
export async function down(context: RuntimeContext, plan: StartupPlan, driver: Driver, reporter: Reporter): Promise<{ left: string[]; unseen?: string }> {
  const loaded = loadState(context.stateDir, context.model.project, driver.target);
  if (loaded.warning) reporter.warning(loaded.warning);
  const { state } = loaded;
  const byName = new Map(targetServices(context.model, driver.target).map((s) => [s.name, s]));
  const stopOne = stopper(driver, state, reporter, waveNumbers(targetWaves(plan.waves, byName)));
  for (const wave of targetWaves(plan.shutdown, byName)) await Promise.all(wave.map(stopOne));
  await driver.finish();
  const toolSees = await driver.leftovers();
  const footprint = driver.footprint([...byName.values()]);
  const remains = await remainsOf(footprint, recordedProcesses(state));
  writeState(context.stateDir, { ...state, services: {} });
  return { left: [...toolSees, ...remains], ...(footprint.elsewhere ? { unseen: footprint.elsewhere } : {}) };
}

/** Stops one service through the tool, then its recorded process if that survived; events name its startup wave. */
function stopper(driver: Driver, state: RuntimeState, reporter: Reporter, waveOf: ReadonlyMap<string, number>) {
  const began = Date.now();
  const event = (service: Service, phase: 'stopping' | 'stopped', why: { why?: string } = {}) =>
    reporter.event({ service: service.name, wave: waveOf.get(service.name)!, phase, elapsedMs: Date.now() - began, ...why });
  return async (service: Service): Promise<void> => {
    event(service, 'stopping');
    await driver.stop(service);
    const orphan = await stopOrphan(service, state);
    event(service, 'stopped', orphan === undefined ? {} : { why: `stopped its process ${orphan} directly` });
  };
}
