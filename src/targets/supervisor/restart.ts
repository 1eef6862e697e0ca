import type { Restart } from '../../model/types.js';
import type { Setting } from './setting.js';

/** supervisord has no unlimited startretries: this many failed starts take weeks with its growing backoff. */
export const UNLIMITED_RETRIES = 1_000_000;

/**
 * startsecs of a program with `restart.max_attempts`: supervisord counts only runs shorter than
 * startsecs against startretries, and restarts one that ran longer at once, the count cleared.
 * Like Docker (a container that ran 10 s counts as started), a run of this long is a success.
 */
export const ATTEMPT_SECONDS = 10;

const autorestart: Record<Restart['policy'], string> = { always: 'true', 'on-failure': 'unexpected', no: 'false' };

export function restartSettings(restart: Restart, completes: boolean): Setting[] {
  const settings: Setting[] = [{ key: 'autorestart', value: autorestart[restart.policy] }];
  if (restart.policy === 'on-failure') settings.push({ key: 'exitcodes', value: '0' });
  settings.push({ key: 'startsecs', value: String(startSeconds(restart, completes)) });
  settings.push({ key: 'startretries', value: String(startRetries(restart)) });
  return settings;
}

/**
 * How long a program must run to count as started: 0 for a program others wait on to complete, so a
 * quick successful exit is a finished job rather than a failed start; ATTEMPT_SECONDS when its
 * attempts are limited; else 1.
 */
export function startSeconds(restart: Restart, completes: boolean): number {
  if (completes) return 0;
  return limitsAttempts(restart) ? ATTEMPT_SECONDS : 1;
}

export function limitsAttempts(restart: Restart): boolean {
  return restart.policy !== 'no' && restart.maxAttempts !== undefined;
}

function startRetries(restart: Restart): number {
  if (restart.policy === 'no') return 0;
  return restart.maxAttempts ?? UNLIMITED_RETRIES;
}
