import { readFileSync } from 'node:fs';

/** A file of /proc/<pid>/, or '' when the process is gone or not ours to read. */
export function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/** The first pair of the entry whose every `NAME=value` the process's environment holds: the value names what it belongs to. */
export function environMark(pid: number, wanted: readonly string[][]): string | undefined {
  if (wanted.length === 0) return undefined;
  const environ = new Set(readProc(pid, 'environ').split('\0'));
  const match = wanted.find((pairs) => pairs.every((pair) => environ.has(pair)));
  return match?.[0]?.slice(match[0].indexOf('=') + 1);
}

/** The systemd unit among `units` that is a component of the process's cgroup path. */
export function unitMark(pid: number, units: readonly string[]): string | undefined {
  if (units.length === 0) return undefined;
  const paths = cgroupPaths(pid);
  return units.find((unit) => paths.some((path) => path.split('/').includes(unit)));
}

/** The process's cgroup paths, one per hierarchy (one line on cgroup v2). */
export function cgroupPaths(pid: number): string[] {
  return readProc(pid, 'cgroup')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1));
}
