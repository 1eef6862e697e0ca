import type { Restart } from '../../model/types.js';
import type { Setting } from './setting.js';

/** supervisord has no unlimited startretries: this many failed starts take weeks with its growing backoff. */
export const UNLIMITED_RETRIES = 1_000_000;

const autorestart: Record<Restart['policy'], string> = { always: 'true', 'on-failure': 'unexpected', no: 'false' };

/**
 * startsecs: how long a program must run to count as started. 0 for a program others wait on to
 * complete, so a quick successful exit is a finished job rather than a failed start.
 */
export function restartSettings(restart: Restart, completes: boolean): Setting[] {
  const settings: Setting[] = [{ key: 'autorestart', value: autorestart[restart.policy] }];
  if (restart.policy === 'on-failure') settings.push({ key: 'exitcodes', value: '0' });
  settings.push({ key: 'startsecs', value: completes ? '0' : '1' });
  settings.push({ key: 'startretries', value: String(startRetries(restart)) });
  return settings;
}

function startRetries(restart: Restart): number {
  if (restart.policy === 'no') return 0;
  return restart.maxAttempts ?? UNLIMITED_RETRIES;
}
