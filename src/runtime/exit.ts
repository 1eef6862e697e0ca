import { constants } from 'node:os';
import type { Service } from '../model/types.js';
import type { ServiceState } from './driver.js';

/** How the last run ended: `killed by signal 9 (SIGKILL)` or `exited with code 1`. */
export function exitWhy(state: ServiceState, service: Service): string {
  const signal = state.signal ?? containerSignal(state.exitCode, service);
  if (signal !== undefined) return `killed by signal ${constants.signals[signal as NodeJS.Signals] ?? '?'} (${signal})`;
  return `exited with code ${state.exitCode ?? 'unknown'}`;
}

/** The exit code a shell or Docker gives a process killed by `signal`: 128 + its number. */
export function signalExitCode(signal: string): number | undefined {
  const number = constants.signals[signal as NodeJS.Signals];
  return number === undefined ? undefined : 128 + number;
}

/** Docker gives a container whose main process a signal killed the exit code 128 + the signal. */
function containerSignal(exitCode: number | undefined, service: Service): string | undefined {
  if (service.kind !== 'container' || exitCode === undefined || exitCode <= 128 || exitCode > 128 + 31) return undefined;
  return Object.entries(constants.signals).find(([, number]) => number === exitCode - 128)?.[0];
}
