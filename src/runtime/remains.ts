import { readdirSync } from 'node:fs';
import { setTimeout as pause } from 'node:timers/promises';
import { execa } from 'execa';
import { looksForContainers, type Footprint } from './footprint.js';
import { networksLeft } from './networks-left.js';
import { environMark, readProc, unitMark } from './process-marks.js';
import { processRecord, stillRunning, type ProcessRecord } from './process-record.js';

/** The exit code of `down`, and of an `up` that rolled back, when something of the stack is still there after it. */
export const leftRunningCode = 6;

/** A process a supervisor may still be reaping or killing, a container the engine is still removing: how long it has to go before it counts as left. */
const graceMs = 3_000;

/** A main process `up` recorded, by the service it ran. */
export interface Recorded {
  service: string;
  process: ProcessRecord;
}

/**
 * What of the services is still there, seen by the kernel and the container engine rather than by
 * their tool: recorded main processes still running, any process carrying the footprint's marks,
 * any container of theirs (running or not), the project network. Empty means checked and nothing left.
 */
export async function remainsOf(footprint: Footprint, recorded: readonly Recorded[]): Promise<string[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const processes = [...recordedLeft(recorded), ...marked(footprint)];
    const containers = await containersLeft(footprint);
    const networks = footprint.elsewhere === undefined ? await networksLeft(footprint.networks) : [];
    const left = [...new Map(processes.map((p) => [p.pid, p.text])).values(), ...containers, ...networks];
    if (left.length === 0 || Date.now() >= deadline) return left;
    await pause(100);
  }
}

function recordedLeft(recorded: readonly Recorded[]): Array<{ pid: number; text: string }> {
  return recorded.filter((r) => stillRunning(r.process)).map((r) => ({ pid: r.process.pid, text: `process ${r.process.pid} (${commandOf(r.process.pid)}) of ${r.service}` }));
}

/** Every live process (not this one, not a zombie) that carries one of the footprint's marks. */
function marked(footprint: Footprint): Array<{ pid: number; text: string }> {
  if (footprint.elsewhere !== undefined || (footprint.environ.length === 0 && footprint.units.length === 0)) return [];
  const found: Array<{ pid: number; text: string }> = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid || processRecord(pid) === undefined) continue;
    const mark = environMark(pid, footprint.environ) ?? unitMark(pid, footprint.units);
    if (mark !== undefined) found.push({ pid, text: `process ${pid} (${commandOf(pid)}) of ${mark}` });
  }
  return found;
}

function commandOf(pid: number): string {
  return readProc(pid, 'comm').trim() || '?';
}

/** The footprint's containers, as `docker ps -a` lists them; an engine that does not answer leaves it unknown. */
async function containersLeft(footprint: Footprint): Promise<string[]> {
  if (footprint.elsewhere !== undefined || !looksForContainers(footprint)) return [];
  const result = await execa('docker', ['ps', '-a', '--format', '{{.Names}}\t{{.Status}}\t{{.Label "com.docker.compose.project"}}\t{{.Label "com.docker.compose.service"}}'], {
    reject: false,
    timeout: 30_000,
  });
  if (result.exitCode !== 0) return [`containers unknown (docker ps -a failed: ${firstLine(result.stderr || (result.message ?? ''))})`];
  const names = new Set(footprint.containers);
  const { compose } = footprint;
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
    .filter(([name, , project, service]) => names.has(name!) || (compose !== undefined && project === compose.project && compose.services.includes(service!)))
    .map(([name, state]) => `container ${name} (${state})`);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
