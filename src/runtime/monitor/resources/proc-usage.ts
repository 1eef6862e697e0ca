import { execa } from 'execa';
import { readProc } from '../../process-marks.js';

/** What one live process has used: CPU in clock ticks (user + system), resident memory in pages. */
export interface ProcessUsage {
  /** Clock ticks after boot when it started: with the pid, it names this very process. */
  start: number;
  cpuTicks: number;
  residentPages: number;
}

/** Fields 14, 15 (utime, stime), 22 (starttime) and 24 (rss) of /proc/<pid>/stat; undefined for a zombie or a gone process. */
export function processUsage(pid: number): ProcessUsage | undefined {
  const text = readProc(pid, 'stat');
  if (text === '') return undefined;
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z') return undefined;
  return { start: Number(fields[19]), cpuTicks: Number(fields[11]) + Number(fields[12]), residentPages: Number(fields[21]) };
}

export interface KernelUnits {
  ticksPerSecond: number;
  pageBytes: number;
}

let units: Promise<KernelUnits> | undefined;

/** CLK_TCK and the page size, as `getconf` gives them (Node has no sysconf); Linux's usual values where it cannot. */
export function kernelUnits(): Promise<KernelUnits> {
  units ??= Promise.all([getconf('CLK_TCK', 100), getconf('PAGESIZE', 4096)]).then(([ticksPerSecond, pageBytes]) => ({ ticksPerSecond, pageBytes }));
  return units;
}

async function getconf(name: string, fallback: number): Promise<number> {
  const result = await execa('getconf', [name], { reject: false });
  const value = Number(result.stdout);
  return result.exitCode === 0 && Number.isInteger(value) && value > 0 ? value : fallback;
}
