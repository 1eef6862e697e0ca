import type { Restart } from '../../model/types.js';
import { specPath, warn, type UnitContext } from './context.js';
import { timeSpan } from './duration.js';
import { startTimeoutSeconds } from './health.js';
import { entry, type Entry } from './sections.js';

/**
 * systemd holds time spans in 64-bit microseconds (about 584,000 years); a window longer than this
 * is written as infinity, which counts every start just the same.
 */
const longestWindowSeconds = 1e12;

/** How long one failed attempt may take when the service has no health budget. */
const attemptSeconds = 10;

/** Restart=, RestartSec= in [Service]; the attempt limit as a start limit in [Unit]. */
export function restartEntries(ctx: UnitContext): { unit: Entry[]; service: Entry[] } {
  const restart = ctx.service.restart;
  const policy = restartPolicy(ctx, restart);
  if (policy === 'no') return { unit: [], service: [entry('Restart', 'no')] };
  if (restart.backoff === 'exponential') {
    warn(ctx, `exponential restart backoff cannot be said in systemd 252 (RestartSteps= needs 254); it restarts every ${timeSpan(restart.delayMs)}`, specPath(ctx, 'restart', 'backoff'));
    ctx.notes.push(`restart backoff is exponential in the spec; systemd 252 restarts at a fixed RestartSec=${timeSpan(restart.delayMs)}`);
  }
  return {
    unit: startLimit(ctx, restart),
    service: [entry('Restart', policy), entry('RestartSec', timeSpan(restart.delayMs))],
  };
}

/** Type=oneshot refuses Restart=always. */
function restartPolicy(ctx: UnitContext, restart: Restart): Restart['policy'] {
  if (restart.policy !== 'always' || !ctx.oneshot) return restart.policy;
  warn(ctx, 'a service others wait to complete runs as Type=oneshot, which cannot restart always; it restarts on failure', specPath(ctx, 'restart'));
  return 'on-failure';
}

/**
 * max_attempts restarts after the first start: a burst of attempts + 1 starts within a window that
 * holds all of them; unlimited turns the start limit off.
 */
function startLimit(ctx: UnitContext, restart: Restart): Entry[] {
  if (restart.maxAttempts === undefined) return [entry('StartLimitIntervalSec', '0')];
  const starts = restart.maxAttempts + 1;
  const health = ctx.service.health;
  const perAttempt = Math.ceil(restart.delayMs / 1000) + (health && !ctx.oneshot ? startTimeoutSeconds(health) : attemptSeconds);
  const window = starts * perAttempt;
  return [entry('StartLimitIntervalSec', window > longestWindowSeconds ? 'infinity' : `${window}s`), entry('StartLimitBurst', String(starts))];
}
