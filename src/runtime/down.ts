import type { StartupPlan } from '../graph/plan.js';
import type { Driver, RuntimeContext } from './driver.js';
import type { Reporter } from './events.js';
import { recordedProcesses, stopOrphan } from './process-tracking.js';
import { remainsOf } from './remains.js';
import { targetServices, targetWaves } from './services.js';
import { loadState, writeState } from './state.js';

/**
 * Stops the stack in reverse wave order, then whatever `up` started for it; returns what is left,
 * as the tool sees it and as the kernel and the container engine do (see remains.ts), and why
 * the kernel's look was not possible, when the services run on another machine. A main
 * process `up` recorded that survived its tool (killed, or unable to stop it) is stopped too.
 */
export async function down(context: RuntimeContext, plan: StartupPlan, driver: Driver, reporter: Reporter): Promise<{ left: string[]; unseen?: string }> {
  const began = Date.now();
  const loaded = loadState(context.stateDir, context.model.project, driver.target);
  if (loaded.warning) reporter.warning(loaded.warning);
  const { state } = loaded;
  const byName = new Map(targetServices(context.model, driver.target).map((s) => [s.name, s]));
  const waves = targetWaves(plan, byName);
  for (let index = waves.length - 1; index >= 0; index--) {
    await Promise.all(
      waves[index]!.map(async (service) => {
        reporter.event({ service: service.name, wave: index + 1, phase: 'stopping', elapsedMs: Date.now() - began });
        await driver.stop(service);
        const orphan = await stopOrphan(service, state);
        const why = orphan === undefined ? {} : { why: `stopped its process ${orphan} directly` };
        reporter.event({ service: service.name, wave: index + 1, phase: 'stopped', elapsedMs: Date.now() - began, ...why });
      }),
    );
  }
  await driver.finish();
  const toolSees = await driver.leftovers();
  const footprint = driver.footprint([...byName.values()]);
  const remains = await remainsOf(footprint, recordedProcesses(state));
  writeState(context.stateDir, { ...state, services: {} });
  return { left: [...toolSees, ...remains], ...(footprint.elsewhere ? { unseen: footprint.elsewhere } : {}) };
}
