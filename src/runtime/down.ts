import type { StartupPlan } from '../graph/plan.js';
import type { Driver, RuntimeContext } from './driver.js';
import type { Reporter } from './events.js';
import { targetServices, targetWaves } from './services.js';
import { readState, writeState } from './state.js';

/** Stops the stack in reverse wave order, then whatever `up` started for it; returns what is left. */
export async function down(context: RuntimeContext, plan: StartupPlan, driver: Driver, reporter: Reporter): Promise<string[]> {
  const began = Date.now();
  const byName = new Map(targetServices(context.model, driver.target).map((s) => [s.name, s]));
  const waves = targetWaves(plan, byName);
  for (let index = waves.length - 1; index >= 0; index--) {
    await Promise.all(
      waves[index]!.map(async (service) => {
        reporter.event({ service: service.name, wave: index + 1, phase: 'stopping', elapsedMs: Date.now() - began });
        await driver.stop(service);
        reporter.event({ service: service.name, wave: index + 1, phase: 'stopped', elapsedMs: Date.now() - began });
      }),
    );
  }
  await driver.finish();
  const state = readState(context.stateDir, context.model.project, driver.target);
  writeState(context.stateDir, { ...state, services: {} });
  return driver.leftovers();
}
