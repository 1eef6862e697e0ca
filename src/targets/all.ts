import { composeTarget } from './compose/index.js';
import { k8sTarget } from './k8s/index.js';
import { pm2Target } from './pm2/index.js';
import { supervisorTarget } from './supervisor/index.js';
import { systemdTarget } from './systemd/index.js';
import type { DriverFactory } from '../runtime/driver.js';
import type { Target } from './target.js';

/**
 * Every target, in the order artifacts are built and listed: the one list of them. A new target is
 * its folder here (with its templates under templates/<name>/) and one line in this list.
 */
export const targets = [systemdTarget, composeTarget, pm2Target, supervisorTarget, k8sTarget] as const satisfies readonly Target[];

export type RegisteredTargetName = (typeof targets)[number]['name'];

export const targetNames: readonly RegisteredTargetName[] = targets.map((t) => t.name);

type Registered = (typeof targets)[number];
type WithDriver = Extract<Registered, { loadDriver: unknown }>;

/** The targets `up`, `down`, `status` and `logs` can drive. */
export type RuntimeTarget = WithDriver['name'];
export const runtimeTargets: readonly RuntimeTarget[] = targets.filter((t: Target): t is WithDriver => t.loadDriver !== undefined).map((t) => t.name);

/** The driver of a target that has one, loaded now. */
export function loadDriver(name: RuntimeTarget): Promise<DriverFactory> {
  const target = targets.find((t): t is WithDriver => t.name === name && 'loadDriver' in t);
  return target!.loadDriver();
}

export const registeredTargetNames = (): RegisteredTargetName[] => [...targetNames];
