import { execLine } from './escape.js';
import type { UnitContext } from './context.js';
import { ceilSeconds, timeSpan } from './duration.js';
import { clearLeftover, stopArgv } from './container.js';
import { entry, type Entry } from './sections.js';

/** Room for the engine's CLI to return after the container stopped. */
const engineMarginMs = 5_000;

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15, SIGWINCH: 28 };

/**
 * A process gets the signal and the time to stop. A container is stopped by the engine (a failed stop
 * is ignored: the container may be gone already); its CLI then exits 128 + the stop signal, a clean
 * end of a stop. 137 (killed) stays a failure: it is also how an OOM-killed container ends. Outside a
 * stop the signal's code is a crash, so on-failure still restarts on it, except for Type=oneshot,
 * which refuses RestartForceExitStatus=. systemd runs no ExecStop= after a failed start and signals
 * only the CLI: KillSignal= is the stop signal, which the CLI hands on to the container, and
 * ExecStopPost= removes whatever container is left, whatever way the unit ended.
 */
export function stopEntries(ctx: UnitContext): Entry[] {
  const { stop } = ctx.service;
  if (ctx.service.kind === 'process') return [entry('KillSignal', stop.signal), entry('TimeoutStopSec', timeSpan(stop.timeoutMs))];
  const code = String(128 + signalNumbers[stop.signal]!);
  return [
    entry('ExecStop', `-${execLine(stopArgv(ctx))}`),
    entry('ExecStopPost', `-${execLine(clearLeftover(ctx))}`),
    entry('KillSignal', stop.signal),
    entry('SuccessExitStatus', code),
    ...(ctx.service.restart.policy === 'on-failure' && !ctx.oneshot ? [entry('RestartForceExitStatus', code)] : []),
    entry('TimeoutStopSec', timeSpan(ceilSeconds(stop.timeoutMs) * 1000 + engineMarginMs)),
  ];
}
