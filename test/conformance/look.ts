/**
 * The independent look at what runs: the fixture's processes from `ps` (host processes, containers'
 * processes and those inside the systemd container all show there) and the project's containers from
 * `docker ps -a`. Nothing here asks the tool under test.
 */
import { execa } from 'execa';

export interface Seen {
  /** service name -> host pids of its fixture process. */
  processes: Map<string, number[]>;
  /** Containers whose name starts with the project, with their state (running, exited, ...). */
  containers: { name: string; state: string }[];
}

/** Fixture processes of this run: `service.py --name NAME --run RUN`. */
export async function fixtureProcesses(run: string): Promise<Map<string, number[]>> {
  const { stdout } = await execa('ps', ['-ww', '-eo', 'pid=,args='], { stdin: 'ignore' });
  const found = new Map<string, number[]>();
  for (const line of stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    // The python itself, not the docker CLI or a wrapper whose arguments hold the same words.
    if (!m || !/^(\S*\/)?python3 \S*service\.py /.test(m[2]!) || !`${m[2]!} `.includes(`--run ${run} `)) continue;
    const name = / --name (\S+)/.exec(m[2]!)?.[1];
    if (name) found.set(name, [...(found.get(name) ?? []), Number(m[1])]);
  }
  return found;
}

export async function projectContainers(project: string): Promise<{ name: string; state: string }[]> {
  const { stdout } = await execa('docker', ['ps', '-a', '--filter', `name=^${project}`, '--format', '{{.Names}} {{.State}}'], { stdin: 'ignore' });
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name, state] = line.split(' ');
      return { name: name!, state: state ?? '' };
    });
}

export async function look(project: string, run: string): Promise<Seen> {
  const [processes, containers] = await Promise.all([fixtureProcesses(run), projectContainers(project)]);
  return { processes, containers };
}

/** Kill the service's process from outside with SIGKILL, as a crash (a container's PID 1 too). */
export async function crashService(run: string, service: string): Promise<number> {
  const pids = (await fixtureProcesses(run)).get(service) ?? [];
  if (pids.length !== 1) throw new Error(`expected one process of ${service}, found ${pids.length}`);
  process.kill(pids[0]!, 'SIGKILL');
  return Date.now() / 1000;
}

/** The containers that mount the named volume. */
export async function containersOnVolume(volume: string): Promise<string[]> {
  const { stdout } = await execa('docker', ['ps', '-a', '--filter', `volume=${volume}`, '--format', '{{.Names}}'], { stdin: 'ignore' });
  return stdout.split('\n').filter((line) => line.trim() !== '');
}

export async function volumeExists(volume: string): Promise<boolean> {
  const r = await execa('docker', ['volume', 'inspect', volume], { reject: false, stdin: 'ignore' });
  return r.exitCode === 0;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Poll until `probe` returns a value, or fail naming what was awaited. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * After the run, whatever happened: end the fixture processes it started (found by their run
 * folder), remove the project's containers and its volume.
 */
export async function removeLeftovers(project: string, run: string, volume: string): Promise<void> {
  for (const c of await projectContainers(project)) await execa('docker', ['rm', '-f', c.name], { reject: false, stdin: 'ignore' });
  await execa('docker', ['volume', 'rm', '-f', volume], { reject: false, stdin: 'ignore' });
  for (const pids of (await fixtureProcesses(run)).values()) {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
