import type { Fallback } from '../model/types.js';

export interface Failure {
  exitCode?: number;
  healthTimeout: boolean;
  output: string;
}

/** The first fallback after `after` (an index; -1 for the service itself) whose `when` matches the failure. */
export function nextFallback(fallbacks: readonly Fallback[], after: number, failure: Failure): { index: number; fallback: Fallback } | undefined {
  for (let index = after + 1; index < fallbacks.length; index++) {
    const fallback = fallbacks[index]!;
    if (matches(fallback, failure)) return { index, fallback };
  }
  return undefined;
}

export function matches(fallback: Fallback, failure: Failure): boolean {
  const { log, exitCodes, healthTimeout } = fallback.when;
  const unconditional = log === undefined && exitCodes.length === 0 && !healthTimeout;
  if (unconditional) return true;
  if (log !== undefined && new RegExp(log).test(failure.output)) return true;
  if (failure.exitCode !== undefined && exitCodes.includes(failure.exitCode)) return true;
  return healthTimeout && failure.healthTimeout;
}
