import type { Fallback, Service } from '../../model/types.js';
import type { ServiceSummary } from '../events.js';
import type { Readiness } from '../readiness.js';

/** How one service's part of a run ended. */
export interface Outcome {
  ok: boolean;
  summary: ServiceSummary;
  /** This run started it (it was not left running unchanged). */
  started: boolean;
}

export type Failure = Extract<Readiness, { ok: false }>;

export function readyOutcome(service: Service, goal: string, readiness: Readiness, started: boolean, variant?: Fallback): Outcome {
  const state = goal === 'healthy' ? 'healthy' : goal === 'completed' ? 'completed' : 'running';
  const summary: ServiceSummary = {
    service: service.name,
    state,
    health: service.health ? 'healthy' : 'no check',
    timeToHealthyMs: readiness.ms,
    ...(variant ? { variant: variant.name } : {}),
  };
  return { ok: true, started, summary };
}

export function failedOutcome(service: Service, why: string, health: string, variant?: Fallback): Outcome {
  return { ok: false, started: true, summary: { service: service.name, state: 'failed', health, ...(variant ? { variant: variant.name } : {}), why } };
}

export function skippedOutcome(service: Service, why: string): Outcome {
  return { ok: false, started: false, summary: { service: service.name, state: 'skipped', health: '-', why } };
}

export function notStartedSummary(service: Service): ServiceSummary {
  return { service: service.name, state: 'stopped', health: '-', why: 'not started' };
}

export function exitOf(readiness: Readiness): { exitCode?: number } {
  return !readiness.ok && readiness.exitCode !== undefined ? { exitCode: readiness.exitCode } : {};
}

export function listed(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What is still there after a rollback (see remains.ts). */
export interface Remains {
  left: string[];
  /** Why the services' machine could not be looked at. */
  unseen?: string;
}

export function leftText({ left, unseen }: Remains): string {
  if (left.length > 0) return `, but still there: ${left.join(', ')}`;
  return unseen ? ` (${unseen}: their processes were not looked at)` : ', nothing of it left';
}
