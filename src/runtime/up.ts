import type { StartupPlan } from '../graph/plan.js';
import type { Fallback } from '../model/types.js';
import type { Driver, RuntimeContext } from './driver.js';
import type { Reporter, ServiceSummary } from './events.js';
import { StackRun } from './run/stack-run.js';
import type { StartGate } from './run/start-schedule.js';

export { upExitCodes } from './run/exit-codes.js';
export { fingerprint } from './run/fingerprint.js';

export interface UpOptions {
  forceRecreate: boolean;
  signal: AbortSignal;
  reporter: Reporter;
  /** Variants chosen before start, e.g. because fewer GPUs are present than the service asks for. */
  preselected: ReadonlyMap<string, Fallback>;
}

export interface UpResult {
  code: number;
  summary: ServiceSummary[];
}

/**
 * Brings the stack up through the driver, each service as soon as its dependencies have met their
 * conditions; degrades or rolls back on failure (see StackRun). `ORCHGEN_UP_ORDER=waves` in the
 * environment keeps the strict wave-by-wave order instead, to compare the two.
 */
export function up(context: RuntimeContext, plan: StartupPlan, driver: Driver, options: UpOptions): Promise<UpResult> {
  const gate: StartGate = context.env.ORCHGEN_UP_ORDER === 'waves' ? 'waves' : 'dependencies';
  return new StackRun(context, plan, driver, options, gate).run();
}
