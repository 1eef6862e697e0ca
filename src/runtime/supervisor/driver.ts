import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { execa } from 'execa';
import type { Fallback, Service } from '../../model/types.js';
import type { Driver, DriverFactory, RuntimeContext, ServiceState } from '../driver.js';
import { signalExitCode } from '../exit.js';
import { readFrom, sizeOf } from '../log-file.js';
import { processRecord } from '../process-record.js';
import { confFile, containerName, programName, variantName, variantPrefix } from '../../targets/supervisor/names.js';
import { startSeconds } from '../../targets/supervisor/restart.js';
import { removeContainer } from '../docker.js';
import { execWhereServiceRuns } from '../exec-where.js';
import { containersOf, emptyFootprint, networksOf, type Footprint } from '../footprint.js';
import { ToolGone } from '../tool-gone.js';
import which from '../which.js';
import type { ProcessInfo } from './process-info.js';
import { runtimeConf, startableCopy } from './runtime-conf.js';
import { serverOfConf } from './server-of-conf.js';
import { FreshShared } from '../calls/fresh-shared.js';
import { OneAtATime } from '../calls/one-at-a-time.js';
import { supervisordClient } from './xmlrpc.js';
import { SupervisordFault, SupervisordGone, SupervisordTimeout } from './xmlrpc-errors.js';

/** How long a supervisord `up` started has to answer on its socket. */
const daemonStartMs = 10_000;
/** A call to supervisord that has not answered in this long finds it hung: it counts as not answering. */
const callTimeoutMs = 5_000;
/** How long a supervisord that answers too late is still taken for busy, not hung. */
const busyPatienceMs = 60_000;
/** Beyond a program's stop timeout, for supervisord to kill it and answer. */
const stopSlackMs = 5_000;

/** Where a service's log stood when it was started, to read what it printed since, and when that run started. */
interface LogMark {
  file: string;
  offset: number;
  start: number;
  slack: number;
}

/** supervisord, reached over its XML-RPC socket: one orchgen starts (state in stateDir) or an existing one (--supervisor-conf). */
export class SupervisorDriver implements Driver {
  readonly target = 'supervisor' as const;
  private readonly project: string;
  private readonly generated: string;
  private readonly own: boolean;
  private readonly mainConf: string;
  private readonly server: { url: string };
  private readonly client: ReturnType<typeof supervisordClient>;
  private readonly processInfo: FreshShared<ProcessInfo[]>;
  private readonly starts = new OneAtATime();
  /** Which program runs each service now: the service's own, or a fallback variant's. */
  private readonly running = new Map<string, string>();
  private readonly logMarks = new Map<string, LogMark>();
  private prepared = false;

  constructor(private readonly context: RuntimeContext) {
    this.project = context.model.project;
    this.generated = join(context.artifactsDir, confFile(this.project));
    // the supervisor target's runtime option (src/targets/supervisor/index.ts)
    const { supervisorConf } = context.options as { supervisorConf?: string };
    this.own = supervisorConf === undefined;
    this.mainConf = supervisorConf ?? join(context.stateDir, 'supervisord.conf');
    this.server = this.own ? { url: `unix://${join(context.stateDir, 'supervisor.sock')}` } : serverOfConf(this.mainConf);
    this.client = supervisordClient({ ...this.server, timeoutMs: callTimeoutMs });
    this.processInfo = new FreshShared(() => this.client.getAllProcessInfo());
  }

  async preflight(): Promise<string[]> {
    const problems: string[] = [];
    if (!(await which('supervisord'))) problems.push('supervisord is not installed: apt-get install supervisor (or pip install supervisor)');
    if (!existsSync(this.generated)) problems.push(`${this.generated} is missing: run \`orchgen build -t supervisor\``);
    if (!this.own && !existsSync(this.mainConf)) problems.push(`--supervisor-conf ${this.mainConf} does not exist`);
    return problems;
  }

  async prepare(): Promise<void> {
    const logDir = this.context.model.settings.supervisor.logDir;
    if (logDir !== undefined) mkdirSync(logDir, { recursive: true });
    if (this.own) await this.startOwnDaemon();
    this.prepared = true;
  }

  /** Writes the runtime conf; reloads the supervisord already answering on its socket, or starts one. */
  private async startOwnDaemon(): Promise<void> {
    const { stateDir, model, env } = this.context;
    mkdirSync(stateDir, { recursive: true });
    const copy = join(stateDir, confFile(this.project));
    writeFileSync(copy, startableCopy(readFileSync(this.generated, 'utf8')));
    writeFileSync(this.mainConf, runtimeConf(stateDir, copy));
    if (await this.answers()) {
      await this.client.update({ timeoutMs: callTimeoutMs + Math.max(0, ...model.services.map((s) => s.stop.timeoutMs)) + stopSlackMs });
      return;
    }
    const started = await execa('supervisord', ['-c', this.mainConf], { reject: false, all: true, env });
    if (started.exitCode !== 0) throw new Error(`supervisord did not start: ${started.all}`);
    const deadline = Date.now() + daemonStartMs;
    while (!(await this.answers()) && Date.now() < deadline) await pause(20);
  }

  async start(service: Service, variant?: Fallback): Promise<void> {
    const program = this.programOf(service, variant);
    const info = (await this.liveInfos()).find((i) => i.name === program);
    if (!info) throw new Error(`supervisord has no program ${program}: is ${this.generated} included in ${this.mainConf}?`);
    const mark: LogMark = { file: info.stdout_logfile, offset: sizeOf(info.stdout_logfile), start: Date.now() / 1000, slack: 1 };
    this.logMarks.set(service.name, mark);
    this.running.set(service.name, program);
    // Not waiting for startsecs: readiness watches the state, and sees a program that dies at once.
    try {
      await this.starts.run(() => this.marked(mark, () => this.client.startProcess(qualified(info), false)));
    } catch (error) {
      // A spawn that failed leaves the program in BACKOFF or FATAL: a failure readiness reports.
      if (error instanceof SupervisordFault && ['SPAWN_ERROR', 'ABNORMAL_TERMINATION'].includes(error.faultName)) return;
      await this.liveInfos();
      throw new Error(`supervisord could not start ${qualified(info)}: ${error instanceof SupervisordFault ? error.faultString : (error as Error).message}`);
    }
    // The run it started is the one to compare later starts with, not the clock before it.
    const started = (await this.infos()).find((i) => i.name === program);
    if (started && started.start > 0) Object.assign(mark, { start: started.start, slack: 0 });
  }

  /**
   * Runs the start call with the mark set around it: supervisord spawns the program while it
   * serves the call, which may wait behind others and take long on a loaded machine.
   */
  private async marked<T>(mark: LogMark, call: () => Promise<T>): Promise<T> {
    const sent = Date.now() / 1000;
    mark.start = sent;
    try {
      return await call();
    } finally {
      mark.slack = Date.now() / 1000 - sent + 1;
    }
  }

  async stop(service: Service): Promise<void> {
    for (const info of await this.infos()) {
      if (this.belongsTo(service, info) && !['STOPPED', 'EXITED', 'FATAL'].includes(info.statename)) await this.stopProgram(qualified(info), service.stop.timeoutMs);
    }
    // supervisord signals the docker CLI, which passes the signal on: a container whose main process
    // ignores it (a shell as PID 1) outlives the program once supervisord kills the CLI.
    if (service.kind === 'container') await removeContainer(containerName(this.project, service.name));
  }

  async state(service: Service): Promise<ServiceState> {
    const info = await this.infoOf(service, await this.liveInfos());
    if (!info) return { running: false, restarts: 0 };
    const mark = this.logMarks.get(service.name);
    const restarted = mark !== undefined && info.start > mark.start + mark.slack && info.statename !== 'STOPPED';
    const alive = info.statename === 'RUNNING' || info.statename === 'STARTING';
    const state: ServiceState = { running: alive, restarts: restarted ? 1 : 0 };
    if (info.statename === 'STARTING') state.starting = true;
    if ((!alive && ['EXITED', 'BACKOFF', 'FATAL'].includes(info.statename)) || restarted) Object.assign(state, this.lastExit(info) ?? { exitCode: info.exitstatus });
    if (info.statename === 'BACKOFF') state.restarting = true;
    if (alive && info.pid > 0) state.pid = info.pid;
    if (info.start > 0) state.since = info.start * 1000;
    return state;
  }

  startedAfterMs(service: Service): number {
    return 1000 * startSeconds(service.restart, false);
  }

  async output(service: Service): Promise<string> {
    const mark = this.logMarks.get(service.name);
    return mark ? readFrom(mark.file, mark.offset) : '';
  }

  async logs(service: Service, lines: number): Promise<string> {
    const info = await this.infoOf(service, await this.infos());
    if (!info) return '';
    return `${readFrom(info.stdout_logfile, 0).split('\n').slice(-lines - 1).join('\n')}`;
  }

  exec(service: Service, argv: string[], timeoutMs: number): Promise<number> {
    return execWhereServiceRuns(service, containerName(this.project, service.name), argv, timeoutMs, this.context.env);
  }

  footprint(services: readonly Service[]): Footprint {
    const programs = services.flatMap((s) => [this.programOf(s), ...s.fallbacks.map((f) => this.programOf(s, f))]);
    const containers = containersOf(services, (name) => containerName(this.project, name));
    const look = { ...emptyFootprint(), containers, networks: networksOf(this.project, services), environ: programs.map((name) => [`SUPERVISOR_PROCESS_NAME=${name}`]) };
    return onThisMachine(this.server.url) ? look : { ...look, elsewhere: `supervisord runs at ${this.server.url}` };
  }

  async leftovers(): Promise<string[]> {
    return (await this.infos()).filter((i) => i.statename === 'RUNNING' || i.statename === 'STARTING' || i.statename === 'BACKOFF').map((i) => i.name);
  }

  async finish(): Promise<void> {
    if (!this.own) return;
    await this.client.shutdown().catch((error: unknown) => {
      if (!notAnswering(error)) throw error;
    });
    // A supervisord that was killed leaves its pid file behind: wait only while its process runs.
    const pidFile = join(this.context.stateDir, 'supervisord.pid');
    for (let i = 0; i < 100 && existsSync(pidFile) && pidRuns(pidFile); i++) await pause(100);
  }

  /** What supervisord runs; undefined when it does not answer. */
  private async ask(): Promise<ProcessInfo[] | undefined> {
    const answer = await this.tryAsk();
    return Array.isArray(answer) ? answer : undefined;
  }

  /** What supervisord runs, or why it did not say: refused (gone) or no answer in time (busy, or hung). */
  private async tryAsk(): Promise<ProcessInfo[] | 'gone' | 'late'> {
    try {
      return await this.processInfo.get();
    } catch (error) {
      if (error instanceof SupervisordTimeout) return 'late';
      if (notAnswering(error)) return 'gone';
      throw error;
    }
  }

  private answers(): Promise<boolean> {
    return this.client.getPID().then(
      () => true,
      (error: unknown) => (notAnswering(error) ? false : Promise.reject(error)),
    );
  }

  private async infos(): Promise<ProcessInfo[]> {
    return (await this.ask()) ?? [];
  }

  /**
   * What supervisord runs; once `up` has prepared it, a supervisord that refuses twice is gone. One
   * that answers late is busy (a hundred programs spawning on a loaded machine): it is asked again
   * until `busyPatienceMs` have passed without an answer.
   */
  private async liveInfos(): Promise<ProcessInfo[]> {
    const first = await this.tryAsk();
    if (Array.isArray(first)) return first;
    if (!this.prepared) return [];
    const deadline = Date.now() + busyPatienceMs;
    let refused = first === 'gone';
    for (;;) {
      await pause(100);
      const again = await this.tryAsk();
      if (Array.isArray(again)) return again;
      if (again === 'gone' && refused) throw new ToolGone('supervisord stopped');
      if (Date.now() > deadline) throw new ToolGone(`supervisord did not answer for ${busyPatienceMs / 1000}s`);
      refused = again === 'gone';
    }
  }

  private programOf(service: Service, variant?: Fallback): string {
    return variant ? variantName(this.project, service.name, variant.name) : programName(this.project, service.name);
  }

  /** The service's own program or one of its variants. */
  private belongsTo(service: Service, info: ProcessInfo): boolean {
    return info.name === this.programOf(service) || info.name.startsWith(variantPrefix(this.project, service.name));
  }

  /** The program running the service: the one this process started, else whichever variant is alive. */
  private async infoOf(service: Service, all: ProcessInfo[]): Promise<ProcessInfo | undefined> {
    const known = this.running.get(service.name);
    if (known) return all.find((info) => info.name === known);
    const candidates = all.filter((info) => this.belongsTo(service, info));
    return candidates.find((info) => ['RUNNING', 'STARTING', 'BACKOFF'].includes(info.statename)) ?? candidates.find((info) => info.name === this.programOf(service));
  }

  /**
   * supervisord forgets a program's exit status when it respawns it, and gives a signal's as -1;
   * its own log keeps both: `exited: NAME (exit status 1; ...)`, `exited: NAME (terminated by SIGKILL; ...)`.
   */
  private lastExit(info: ProcessInfo): { exitCode: number; signal?: string } | undefined {
    if (!this.own) return undefined;
    const log = readFrom(join(this.context.stateDir, 'supervisord.log'), 0);
    const name = info.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const exits = [...log.matchAll(new RegExp(`exited: ${name} \\((?:exit status (\\d+)|terminated by (SIG\\w+))`, 'g'))];
    const last = exits[exits.length - 1];
    if (!last) return undefined;
    if (last[1] !== undefined) return { exitCode: Number(last[1]) };
    const code = signalExitCode(last[2]!);
    return code === undefined ? undefined : { exitCode: code, signal: last[2]! };
  }

  /** Waits until the program has stopped (supervisord kills it past its stop timeout); one that is gone or already stopped is fine. */
  private async stopProgram(name: string, timeoutMs: number): Promise<void> {
    try {
      await this.client.stopProcess(name, true, { timeoutMs: timeoutMs + stopSlackMs });
    } catch (error) {
      if (!(notAnswering(error) || error instanceof SupervisordFault)) throw error;
    }
  }
}

export const supervisorDriver: DriverFactory = (context) => new SupervisorDriver(context);

function qualified(info: ProcessInfo): string {
  return info.group === info.name ? info.name : `${info.group}:${info.name}`;
}

function pidRuns(pidFile: string): boolean {
  try {
    return processRecord(Number(readFileSync(pidFile, 'utf8').trim())) !== undefined;
  } catch {
    return false; // removed as supervisord exited
  }
}

/** supervisord is not there (no socket, refused), hung, or shutting down. */
function notAnswering(error: unknown): boolean {
  return error instanceof SupervisordGone || error instanceof SupervisordTimeout || (error instanceof SupervisordFault && error.faultName === 'SHUTDOWN_STATE');
}

/** A supervisord reached through a socket file or the loopback address runs its programs here. */
function onThisMachine(url: string): boolean {
  return url.startsWith('unix://') || /^https?:\/\/(127\.[\d.]+|localhost|\[::1\])(:\d+)?(\/|$)/.test(url);
}
