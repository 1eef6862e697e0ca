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
import { containersOf, emptyFootprint, networksOf } from '../footprint.js';
import { ToolGone } from '../tool-gone.js';
import which from '../which.js';
import type { ProcessInfo } from './process-info.js';
import { runtimeConf, startableCopy } from './runtime-conf.js';
import { serverOfConf } from './server-of-conf.js';
import { supervisordClient } from './xmlrpc.js';
import { SupervisordFault, SupervisordGone, SupervisordTimeout } from './xmlrpc-errors.js';

/** How long a supervisord `up` started has to answer on its socket. */
const daemonStartMs = 10_000;
/** A call to supervisord that has not answered in this long finds it hung: it counts as not answering. */
const callTimeoutMs = 5_000;
/** Beyond a program's stop timeout, for supervisord to kill it and answer. */
const stopSlackMs = 5_000;

export const supervisorDriver: DriverFactory = (context: RuntimeContext): Driver => {
  const project = context.model.project;
  const generated = join(context.artifactsDir, confFile(project));
  const own = context.options.supervisorConf === undefined;
  const mainConf = context.options.supervisorConf ?? join(context.stateDir, 'supervisord.conf');
  const socket = join(context.stateDir, 'supervisor.sock');
  /** Which program runs each service now: the service's own, or a fallback variant's. */
  const running = new Map<string, string>();
  /** Where each service's log stood when it was started, to read what it printed since. */
  const logOffsets = new Map<string, { file: string; offset: number; start: number; slack: number }>();
  let prepared = false;

  const server = own ? { url: `unix://${socket}` } : serverOfConf(mainConf);
  const client = supervisordClient({ ...server, timeoutMs: callTimeoutMs });
  /** What supervisord runs; undefined when it does not answer. */
  const ask = async (): Promise<ProcessInfo[] | undefined> => {
    try {
      return await client.getAllProcessInfo();
    } catch (error) {
      if (notAnswering(error)) return undefined;
      throw error;
    }
  };
  const answers = () => client.getPID().then(() => true, (error: unknown) => (notAnswering(error) ? false : Promise.reject(error)));
  const infos = async (): Promise<ProcessInfo[]> => (await ask()) ?? [];
  /** What supervisord runs; once `up` has prepared it, a supervisord that does not answer (twice) is gone. */
  const liveInfos = async (): Promise<ProcessInfo[]> => {
    const first = await ask();
    if (first || !prepared) return first ?? [];
    await pause(100);
    const second = await ask();
    if (!second) throw new ToolGone('supervisord stopped');
    return second;
  };
  const programOf = (service: Service, variant?: Fallback) => (variant ? variantName(project, service.name, variant.name) : programName(project, service.name));
  const isVariantOf = (service: Service, info: ProcessInfo) => info.name.startsWith(variantPrefix(project, service.name));
  /** The program running the service: the one this process started, else whichever variant is alive. */
  const infoOf = async (service: Service, all: ProcessInfo[]) => {
    const known = running.get(service.name);
    if (known) return all.find((info) => info.name === known);
    const candidates = all.filter((info) => info.name === programOf(service) || isVariantOf(service, info));
    return candidates.find((info) => ['RUNNING', 'STARTING', 'BACKOFF'].includes(info.statename)) ?? candidates.find((info) => info.name === programOf(service));
  };
  const qualified = (info: ProcessInfo) => (info.group === info.name ? info.name : `${info.group}:${info.name}`);

  /**
   * supervisord forgets a program's exit status when it respawns it, and gives a signal's as -1;
   * its own log keeps both: `exited: NAME (exit status 1; ...)`, `exited: NAME (terminated by SIGKILL; ...)`.
   */
  const lastExit = (info: ProcessInfo): { exitCode: number; signal?: string } | undefined => {
    if (!own) return undefined;
    const log = readFrom(join(context.stateDir, 'supervisord.log'), 0);
    const name = info.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const exits = [...log.matchAll(new RegExp(`exited: ${name} \\((?:exit status (\\d+)|terminated by (SIG\\w+))`, 'g'))];
    const last = exits[exits.length - 1];
    if (!last) return undefined;
    if (last[1] !== undefined) return { exitCode: Number(last[1]) };
    const code = signalExitCode(last[2]!);
    return code === undefined ? undefined : { exitCode: code, signal: last[2]! };
  };

  /** Waits until the program has stopped (supervisord kills it past its stop timeout); one that is gone or already stopped is fine. */
  const stopProgram = async (name: string, timeoutMs: number) => {
    try {
      await client.stopProcess(name, true, { timeoutMs: timeoutMs + stopSlackMs });
    } catch (error) {
      if (!(notAnswering(error) || error instanceof SupervisordFault)) throw error;
    }
  };

  return {
    target: 'supervisor',
    async preflight() {
      const problems: string[] = [];
      if (!(await which('supervisord'))) problems.push('supervisord is not installed: apt-get install supervisor (or pip install supervisor)');
      if (!existsSync(generated)) problems.push(`${generated} is missing: run \`orchgen build -t supervisor\``);
      if (!own && !existsSync(mainConf)) problems.push(`--supervisor-conf ${mainConf} does not exist`);
      return problems;
    },
    async prepare() {
      const logDir = context.model.settings.supervisor.logDir;
      if (logDir !== undefined) mkdirSync(logDir, { recursive: true });
      if (!own) {
        prepared = true;
        return;
      }
      mkdirSync(context.stateDir, { recursive: true });
      const copy = join(context.stateDir, confFile(project));
      writeFileSync(copy, startableCopy(readFileSync(generated, 'utf8')));
      writeFileSync(mainConf, runtimeConf(context.stateDir, copy));
      if (await answers()) {
        await client.update({ timeoutMs: callTimeoutMs + Math.max(0, ...context.model.services.map((s) => s.stop.timeoutMs)) + stopSlackMs });
        prepared = true;
        return;
      }
      const started = await execa('supervisord', ['-c', mainConf], { reject: false, all: true, env: context.env });
      if (started.exitCode !== 0) throw new Error(`supervisord did not start: ${started.all}`);
      const deadline = Date.now() + daemonStartMs;
      while (!(await answers()) && Date.now() < deadline) await pause(20);
      prepared = true;
    },
    async start(service, variant) {
      const program = programOf(service, variant);
      const info = (await liveInfos()).find((i) => i.name === program);
      if (!info) throw new Error(`supervisord has no program ${program}: is ${generated} included in ${mainConf}?`);
      const mark = { file: info.stdout_logfile, offset: sizeOf(info.stdout_logfile), start: Date.now() / 1000, slack: 1 };
      logOffsets.set(service.name, mark);
      running.set(service.name, program);
      // Not waiting for startsecs: readiness watches the state, and sees a program that dies at once.
      try {
        await client.startProcess(qualified(info), false);
      } catch (error) {
        // A spawn that failed leaves the program in BACKOFF or FATAL: a failure readiness reports.
        if (error instanceof SupervisordFault && ['SPAWN_ERROR', 'ABNORMAL_TERMINATION'].includes(error.faultName)) return;
        await liveInfos();
        throw new Error(`supervisord could not start ${qualified(info)}: ${error instanceof SupervisordFault ? error.faultString : (error as Error).message}`);
      }
      // The run it started is the one to compare later starts with, not the clock before it.
      const started = (await infos()).find((i) => i.name === program);
      if (started && started.start > 0) Object.assign(mark, { start: started.start, slack: 0 });
    },
    async stop(service) {
      for (const info of await infos()) {
        if (info.name === programOf(service) || isVariantOf(service, info)) {
          if (!['STOPPED', 'EXITED', 'FATAL'].includes(info.statename)) await stopProgram(qualified(info), service.stop.timeoutMs);
        }
      }
      // supervisord signals the docker CLI, which passes the signal on: a container whose main process
      // ignores it (a shell as PID 1) outlives the program once supervisord kills the CLI.
      if (service.kind === 'container') await removeContainer(containerName(project, service.name));
    },
    async state(service): Promise<ServiceState> {
      const info = await infoOf(service, await liveInfos());
      if (!info) return { running: false, restarts: 0 };
      const mark = logOffsets.get(service.name);
      const restarted = mark !== undefined && info.start > mark.start + mark.slack && info.statename !== 'STOPPED';
      const alive = info.statename === 'RUNNING' || info.statename === 'STARTING';
      const state: ServiceState = { running: alive, restarts: restarted ? 1 : 0 };
      if (info.statename === 'STARTING') state.starting = true;
      if ((!alive && ['EXITED', 'BACKOFF', 'FATAL'].includes(info.statename)) || restarted) Object.assign(state, lastExit(info) ?? { exitCode: info.exitstatus });
      if (info.statename === 'BACKOFF') state.restarting = true;
      if (alive && info.pid > 0) state.pid = info.pid;
      if (info.start > 0) state.since = info.start * 1000;
      return state;
    },
    startedAfterMs: (service) => 1000 * startSeconds(service.restart, false),
    async output(service) {
      const mark = logOffsets.get(service.name);
      return mark ? readFrom(mark.file, mark.offset) : '';
    },
    async logs(service, lines) {
      const info = await infoOf(service, await infos());
      if (!info) return '';
      return `${readFrom(info.stdout_logfile, 0).split('\n').slice(-lines - 1).join('\n')}`;
    },
    async exec(service, argv, timeoutMs) {
      return execWhereServiceRuns(service, containerName(project, service.name), argv, timeoutMs, context.env);
    },
    footprint(services) {
      const programs = services.flatMap((s) => [programOf(s), ...s.fallbacks.map((f) => programOf(s, f))]);
      const look = { ...emptyFootprint(), containers: containersOf(services, (name) => containerName(project, name)), networks: networksOf(project, services), environ: programs.map((name) => [`SUPERVISOR_PROCESS_NAME=${name}`]) };
      return onThisMachine(server.url) ? look : { ...look, elsewhere: `supervisord runs at ${server.url}` };
    },
    async leftovers() {
      return (await infos()).filter((i) => i.statename === 'RUNNING' || i.statename === 'STARTING' || i.statename === 'BACKOFF').map((i) => i.name);
    },
    async finish() {
      if (!own) return;
      await client.shutdown().catch((error: unknown) => {
        if (!notAnswering(error)) throw error;
      });
      // A supervisord that was killed leaves its pid file behind: wait only while its process runs.
      const pidFile = join(context.stateDir, 'supervisord.pid');
      for (let i = 0; i < 100 && existsSync(pidFile) && pidRuns(pidFile); i++) await pause(100);
    },
  };
};

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
