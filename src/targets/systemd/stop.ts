import { execLine } from './escape.js';
import type { UnitContext } from './context.js';
import { ceilSeconds, timeSpan } from './duration.js';
import { stopArgv } from './container.js';
import { entry, type Entry } from './sections.js';

/** Room for the engine's CLI to return after the container stopped. */
const engineMarginMs = 5_000;

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15, SIGWINCH: 28 };

/**
 * A process gets the signal and the time to stop. A container is stopped by the engine (a failed stop
 * is ignored: the container may be gone already); its CLI then exits 128 + the signal, or 137 when
 * the engine had to kill it: a clean end of a stop. Outside a stop the same codes are a crash, so
 * on-failure still restarts on them, except for Type=oneshot, which refuses RestartForceExitStatus=.
 */
export function stopEntries(ctx: UnitContext): Entry[] {
  const { stop } = ctx.service;
  if (ctx.service.kind === 'process') return [entry('KillSignal', stop.signal), entry('TimeoutStopSec', timeSpan(stop.timeoutMs))];
  const codes = [...new Set([128 + signalNumbers[stop.signal]!, 128 + signalNumbers.SIGKILL!])].join(' ');
  return [
    entry('ExecStop', `-${execLine(stopArgv(ctx))}`),
    entry('SuccessExitStatus', codes),
    ...(ctx.service.restart.policy === 'on-failure' && !ctx.oneshot ? [entry('RestartForceExitStatus', codes)] : []),
    entry('TimeoutStopSec', timeSpan(ceilSeconds(stop.timeoutMs) * 1000 + engineMarginMs)),
  ];
}
