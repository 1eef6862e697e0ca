import { readFileSync } from 'node:fs';
import { setTimeout as pause } from 'node:timers/promises';

/** A process as the kernel knows it: a pid is reused, a pid with its start time is not. */
export interface ProcessRecord {
  pid: number;
  /** Clock ticks after boot (field 22 of /proc/<pid>/stat). */
  start: number;
}

interface ProcStat {
  state: string;
  processGroup: number;
  start: number;
}

/** The process as it runs now, or undefined when there is none (or only its zombie). */
export function processRecord(pid: number): ProcessRecord | undefined {
  const stat = procStat(pid);
  return stat && stat.state !== 'Z' ? { pid, start: stat.start } : undefined;
}

/** Still the very process that was recorded, and not yet exited. */
export function stillRunning(record: ProcessRecord): boolean {
  return processRecord(record.pid)?.start === record.start;
}

/**
 * Stops a recorded process that no supervisor looks after any more (its own process group with
 * it, when it leads one): `signal`, then SIGKILL after `timeoutMs`. Resolves to whether it was
 * still running; a pid now used by another process is left alone.
 */
export async function stopRecorded(record: ProcessRecord, signal: string, timeoutMs: number): Promise<boolean> {
  const stat = procStat(record.pid);
  if (!stat || stat.state === 'Z' || stat.start !== record.start) return false;
  const target = stat.processGroup === record.pid ? -record.pid : record.pid;
  send(target, signal);
  const deadline = Date.now() + timeoutMs;
  while (stillRunning(record) && Date.now() < deadline) await pause(50);
  // A group may hold children that outlived their leader: they go too. A group id stays taken
  // while the group has members, so it cannot name anything else yet.
  if (target < 0 || stillRunning(record)) send(target, 'SIGKILL');
  for (let i = 0; i < 40 && stillRunning(record); i++) await pause(50);
  return true;
}

function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0]!, processGroup: Number(fields[2]), start: Number(fields[19]) };
}

function send(target: number, signal: string): void {
  try {
    process.kill(target, signal as NodeJS.Signals);
  } catch {
    // already gone
  }
}
