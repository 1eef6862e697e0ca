import type { Target } from './target.js';

/** Every target, in the order artifacts are built and listed. Adding one touches only this list. */
export const targets = [] as const satisfies readonly Target[];

export const registeredTargetNames = (): Target['name'][] => targets.map((t: Target) => t.name);
