import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import type { Service } from '../../model/types.js';
import { packageRoot } from '../../paths.js';
import type { Driver, DriverFactory, RuntimeContext, ServiceState } from '../driver.js';
import { containersOf, emptyFootprint, networksOf } from '../footprint.js';
import { signalExitCode } from '../exit.js';
import { readFrom, sizeOf } from '../log-file.js';
import { appName, appNamespace, containerName, ecosystemFile, fallbackFile, logFileNames } from '../../targets/pm2/names.js';
import { execWhereServiceRuns } from '../exec-where.js';
import { processRecord, stillRunning, type ProcessRecord } from '../process-record.js';
import { ToolGone } from '../tool-gone.js';
import { connectPm2, type Pm2Client } from './api.js';
import { Pm2DaemonGone } from './api-errors.js';
import type { Pm2Process } from './api-process.js';

export const pm2Driver: DriverFactory = (context: RuntimeContext): Driver => {
  const project = context.model.project;
  const ecosystem = join(context.artifactsDir, ecosystemFile);
  const pm2Bin = context.options.pm2 ?? join(packageRoot, 'node_modules', '.bin', 'pm2');
  const marks = new Map<string, { restarts: number; offsets: Map<string, number>; daemonLog: number }>();
  const env = { ...context.env, PM2_DISCRETE_MODE: 'true' };
  const home = context.env.PM2_HOME ?? join(homedir(), '.pm2');
  const apiPath = context.options.pm2 === undefined ? undefined : apiOf(context.options.pm2);
  /** PM2's API, in a worker thread, connected to the daemon of `home`. */
  let connection: Promise<Pm2Client> | undefined;
  /** The daemon's own log: it names the signal that killed an app, which `jlist` does not. */
  const daemonLog = join(home, 'pm2.log');
  /** The daemon `up` started its apps through. */
  let daemon: ProcessRecord | undefined;
  /** Only `pm2 logs` still runs the CLI: the API has no way to read an app's last lines. */
  const pm2 = (...args: string[]) => execa(pm2Bin, args, { reject: false, all: true, env });
  const connect = (startDaemon: boolean): Promise<Pm2Client> => {
    connection ??= connectPm2({ env: context.env, home, startDaemon, ...(apiPath ? { apiPath } : {}) }).catch((error: unknown) => {
      connection = undefined;
      throw error;
    });
    return connection;
  };
  /** The client, when a daemon runs; none is started to find out. */
  const connected = async (): Promise<Pm2Client | undefined> => {
    if (!connection && !runningDaemon()) return undefined;
    try {
      return await connect(false);
    } catch (error) {
      if (error instanceof Pm2DaemonGone) return undefined;
      throw error;
    }
  };
  /** Once `up` has a daemon, losing it is the tool gone. */
  const goneAsTool = (error: unknown): never => {
    if (error instanceof Pm2DaemonGone && daemon) throw new ToolGone('the PM2 daemon stopped');
    throw error;
  };
  const app = (service: Service) => appName(project, service.name);
  const runningDaemon = (): ProcessRecord | undefined => {
    try {
      return processRecord(Number(readFileSync(join(home, 'pm2.pid'), 'utf8').trim()));
    } catch {
      return undefined;
    }
  };
  const checkDaemon = () => {
    if (daemon && !stillRunning(daemon)) throw new ToolGone('the PM2 daemon stopped');
  };
  /** Without a daemon, PM2 runs nothing, and none is started to say so. */
  const list = async (): Promise<Pm2Process[]> => {
    const client = await connected();
    if (!client) return [];
    try {
      return await client.list();
    } catch (error) {
      if (error instanceof Pm2DaemonGone) return [];
      throw error;
    }
  };
  const find = async (service: Service) => (await list()).find((p) => p.name === app(service));
  /** The log files an app writes: where its last run wrote, PM2's default place, and the spec's log_dir. */
  const logCandidates = (service: Service, previous?: Pm2Process): string[] => {
    const logDir = context.model.settings.pm2.logDir;
    const names = Object.values(logFileNames(app(service)));
    return [
      previous?.pm2_env.pm_out_log_path,
      previous?.pm2_env.pm_err_log_path,
      ...names.map((name) => join(home, 'logs', name)),
      ...(logDir ? names.map((name) => join(logDir, name)) : []),
    ].filter((path): path is string => path !== undefined);
  };

  return {
    target: 'pm2',
    async preflight() {
      const problems: string[] = [];
      if (!existsSync(pm2Bin) || (apiPath !== undefined && !existsSync(apiPath))) problems.push(`pm2 is not at ${pm2Bin}: run npm ci in orchgen's folder, or pass --pm2`);
      else if (!(await connect(true).then((client) => client.ping()).then(() => true, () => false))) problems.push('the PM2 daemon does not answer: check PM2_HOME and its permissions');
      if (!existsSync(ecosystem)) problems.push(`${ecosystem} is missing: run \`orchgen build -t pm2\``);
      return problems;
    },
    async prepare() {
      await connect(true);
      daemon = runningDaemon();
    },
    async start(service, variant) {
      checkDaemon();
      const file = variant ? join(context.artifactsDir, fallbackFile(service.name, variant.name)) : ecosystem;
      const client = await connect(true);
      const previous = await find(service);
      if (previous) await client.delete(app(service)).catch(goneAsTool);
      // Where each log stands before the start: the process may print and exit before pm2 returns.
      const offsets = new Map(logCandidates(service, previous).map((path) => [path, sizeOf(path)]));
      const daemonLogOffset = sizeOf(daemonLog);
      await client.start(file, app(service)).catch(goneAsTool);
      daemon ??= runningDaemon();
      const started = await client.describe(app(service)).catch(goneAsTool);
      marks.set(service.name, { restarts: started?.pm2_env.restart_time ?? 0, offsets, daemonLog: daemonLogOffset });
    },
    async stop(service) {
      if (!(await find(service))) return;
      await (await connected())?.delete(app(service)).catch((error: unknown) => (error instanceof Pm2DaemonGone ? false : Promise.reject(error)));
    },
    async state(service): Promise<ServiceState> {
      checkDaemon();
      const process = await find(service);
      if (!process) return { running: false, restarts: 0 };
      const env = process.pm2_env;
      const restarts = env.restart_time - (marks.get(service.name)?.restarts ?? 0);
      const running = env.status === 'online' || env.status === 'launching';
      const state: ServiceState = { running, restarts: Math.max(0, restarts) };
      if ((!running || restarts > 0) && env.exit_code !== undefined) state.exitCode = env.exit_code;
      if ((!running || restarts > 0) && state.exitCode === 0) Object.assign(state, killedBy(daemonLog, app(service), marks.get(service.name)?.daemonLog));
      if (env.status === 'waiting restart') state.restarting = true;
      if (running && process.pid > 0) state.pid = process.pid;
      if (env.pm_uptime) state.since = env.pm_uptime;
      return state;
    },
    async output(service) {
      const process = await find(service);
      const mark = marks.get(service.name);
      if (!process || !mark) return '';
      const { pm_out_log_path: out, pm_err_log_path: err } = process.pm2_env;
      return [out, err].filter((path, i, all) => path && all.indexOf(path) === i).map((path) => readFrom(path, mark.offsets.get(path!) ?? 0)).join('');
    },
    async logs(service, lines) {
      const result = await pm2('logs', app(service), '--nostream', '--raw', '--lines', String(lines));
      return result.stdout ? `${result.stdout}\n` : '';
    },
    async exec(service, argv, timeoutMs) {
      return execWhereServiceRuns(service, containerName(project, service.name), argv, timeoutMs, context.env);
    },
    footprint(services) {
      // PM2 hands its app's own fields to the process as environment variables.
      return { ...emptyFootprint(), containers: containersOf(services, (name) => containerName(project, name)), networks: networksOf(project, services), environ: services.map((s) => [`name=${app(s)}`, `namespace=${appNamespace(project)}`]) };
    },
    async leftovers() {
      return (await list()).filter((p) => p.pm2_env.namespace === appNamespace(project) && p.pm2_env.status !== 'stopped').map((p) => p.name);
    },
    async finish() {
      const names = (await list()).filter((p) => p.pm2_env.namespace === appNamespace(project)).map((p) => p.name);
      const client = await connected();
      for (const name of names) await client?.delete(name);
    },
  };
};

/** The API of the pm2 install an executable belongs to (`<pm2>/bin/pm2`, or a link to it). */
function apiOf(executable: string): string {
  try {
    return join(dirname(realpathSync(executable)), '..', 'lib', 'API.js');
  } catch {
    return join(dirname(executable), '..', 'lib', 'API.js');
  }
}

/**
 * PM2 gives an app a signal killed the exit code 0; its daemon log has the signal:
 * `App [NAME:ID] exited with code [0] via signal [SIGKILL]` (it writes SIGINT when there was none).
 * Read from where this driver started the app, or, for an app it did not start (`status`, the
 * monitor), the whole log: its last exit line is the app's last exit.
 */
function killedBy(daemonLog: string, name: string, offset: number | undefined): { exitCode: number; signal: string } | undefined {
  const pattern = new RegExp(`App \\[${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+\\] exited with code \\[(\\d+)\\] via signal \\[(\\w+)\\]`, 'g');
  const exits = [...readFrom(daemonLog, offset ?? 0).matchAll(pattern)];
  const last = exits[exits.length - 1];
  if (!last || last[1] !== '0' || last[2] === 'SIGINT') return undefined;
  const exitCode = signalExitCode(last[2]!);
  return exitCode === undefined ? undefined : { exitCode, signal: last[2]! };
}
