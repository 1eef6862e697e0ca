import { readFileSync } from 'node:fs';
import { execa } from 'execa';

export interface ContainerInfo {
  id: string;
  running: boolean;
  /** The engine restarts it after an exit (its restart policy). */
  restarting: boolean;
  exitCode?: number;
  /** Its main process, when that runs on this host. */
  pid?: number;
  restarts: number;
  startedAt?: number;
  health?: 'healthy' | 'unhealthy' | 'starting';
}

interface Inspect {
  Id: string;
  RestartCount: number;
  State: { Running: boolean; Restarting: boolean; Pid: number; ExitCode: number; StartedAt: string; FinishedAt: string; Health?: { Status: string } };
}

/** The engine's view of one container, or undefined when there is none. */
export async function inspectContainer(idOrName: string): Promise<ContainerInfo | undefined> {
  const result = await execa('docker', ['inspect', idOrName], { reject: false });
  if (result.exitCode !== 0) return undefined;
  const [inspect] = JSON.parse(result.stdout) as Inspect[];
  if (!inspect) return undefined;
  const { State: state } = inspect;
  const finished = !state.FinishedAt.startsWith('0001-');
  const info: ContainerInfo = { id: inspect.Id, running: state.Running || state.Restarting, restarting: state.Restarting, restarts: inspect.RestartCount };
  if (state.Running && state.Pid > 0 && onThisHost(state.Pid, inspect.Id)) info.pid = state.Pid;
  // While Docker restarts a container, ExitCode is still the last run's.
  if (finished && (!state.Running || state.Restarting || inspect.RestartCount > 0)) info.exitCode = state.ExitCode;
  if (!state.StartedAt.startsWith('0001-')) info.startedAt = Date.parse(state.StartedAt);
  const health = state.Health?.Status;
  if (health === 'healthy' || health === 'unhealthy' || health === 'starting') info.health = health;
  return info;
}

/** The pid is the container's own process here (the engine may run on another machine, with its own pids). */
function onThisHost(pid: number, id: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(id);
  } catch {
    return false;
  }
}

/** Output since the container last started, stdout and stderr together. */
export async function containerOutput(id: string, since?: number, tail?: number): Promise<string> {
  const args = ['logs'];
  if (since !== undefined) args.push('--since', new Date(since - 1000).toISOString());
  if (tail !== undefined) args.push('--tail', String(tail));
  const result = await execa('docker', [...args, id], { reject: false, all: true });
  return result.all ?? '';
}

export async function dockerExec(id: string, argv: string[], timeoutMs: number): Promise<number> {
  const result = await execa('docker', ['exec', id, ...argv], { reject: false, timeout: timeoutMs, stdio: 'ignore' });
  return result.timedOut ? 124 : (result.exitCode ?? 1);
}

/** Removes a container, stopping it first if it runs; one that is not there is fine. */
export async function removeContainer(name: string): Promise<void> {
  await execa('docker', ['rm', '-f', name], { reject: false, timeout: 30_000 });
}

export async function engineAnswers(): Promise<string | undefined> {
  const result = await execa('docker', ['info', '--format', '{{.ServerVersion}}'], { reject: false });
  return result.exitCode === 0 ? undefined : (result.stderr.split('\n')[0] ?? 'docker info failed');
}

/**
 * The exit code of the container's last run since `since`: once the engine has restarted it,
 * inspect shows the new run, but the `die` event keeps the code.
 */
export async function lastExitCode(id: string, since: number): Promise<number | undefined> {
  const args = ['events', '--since', String(Math.floor(since / 1000) - 1), '--until', String(Math.ceil(Date.now() / 1000) + 1)];
  const result = await execa('docker', [...args, '--filter', `container=${id}`, '--filter', 'event=die', '--format', '{{index .Actor.Attributes "exitCode"}}'], {
    reject: false,
    timeout: 10_000,
  });
  const codes = result.stdout.split('\n').filter((line) => /^\d+$/.test(line));
  return codes.length > 0 ? Number(codes[codes.length - 1]) : undefined;
}
