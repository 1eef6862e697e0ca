import { composeTarget } from './compose/index.js';
import { k8sTarget } from './k8s/index.js';
import { pm2Target } from './pm2/index.js';
import { supervisorTarget } from './supervisor/index.js';
import { systemdTarget } from './systemd/index.js';
import type { Target } from './target.js';

/** Every target, in the order artifacts are built and listed. Adding one touches only this list. */
export const targets = [systemdTarget, composeTarget, pm2Target, supervisorTarget, k8sTarget] as const satisfies readonly Target[];

export const registeredTargetNames = (): Target['name'][] => targets.map((t: Target) => t.name);
