import { constants } from 'node:os';

export interface MainExit {
  exitCode: number;
  signal?: string;
}

/** ExecMainCode is how the main process ended (1 exited, 2 killed, 3 dumped core); ExecMainStatus its code or signal. */
export function mainExit(code: string | undefined, status: number): MainExit {
  if (code !== '2' && code !== '3') return { exitCode: status };
  const signal = Object.entries(constants.signals).find(([, number]) => number === status)?.[0];
  return signal ? { exitCode: 128 + status, signal } : { exitCode: 128 + status };
}

const execMainCodes: Record<string, string> = { exited: '1', killed: '2', dumped: '3' };

/**
 * How the last main process ended, from systemd's own journal lines about the unit
 * (`x.service: Main process exited, code=exited, status=1/FAILURE`). Once systemd has restarted a
 * service, ExecMainStatus describes the new process: the journal still has how the old one ended.
 */
export function lastMainExit(journal: string): MainExit | undefined {
  const ends = [...journal.matchAll(/: Main process exited, code=(exited|killed|dumped), status=(\d+)\//g)];
  const last = ends.at(-1);
  return last ? mainExit(execMainCodes[last[1]!], Number(last[2])) : undefined;
}
