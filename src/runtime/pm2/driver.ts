import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import type { Fallback, Service } from '../../model/types.js';
import { packageRoot } from '../../paths.js';
import type { Driver, DriverFactory, RuntimeContext, ServiceState } from '../driver.js';
import { containersOf, emptyFootprint, networksOf, type Footprint } from '../footprint.js';
import { signalExitCode } from '../exit.js';
import { readFrom, sizeOf } from '../log-file.js';
import { appName, appNamespace, containerName, ecosystemFile, fallbackFile, logFileNames } from '../../targets/pm2/names.js';
import { execWhereServiceRuns } from '../exec-where.js';
import { processRecord, stillRunning, type ProcessRecord } from '../process-record.js';
import { ToolGone } from '../tool-gone.js';
import { connectPm2, type Pm2Client } from './api.js';
import { Pm2DaemonGone, Pm2Timeout } from './api-errors.js';
import type { Pm2Process } from './api-process.js';

/** Where an app stood when `up` started it: its restart count and where its logs and the daemon's log ended. */
interface StartMark {
  restarts: number;
  offsets: Map<string, number>;
  daemonLog: number;
}

/** PM2, through its own API in a worker thread, connected to the daemon of PM2_HOME. */
export class Pm2Driver implements Driver {
  readonly target = 'pm2' as const;
  private readonly project: string;
  private readonly ecosystem: string;
  private readonly pm2Bin: string;
  private readonly home: string;
  private readonly apiPath: string | undefined;
  /** The daemon's own log: it names the signal that killed an app, which `jlist` does not. */
  private readonly daemonLog: string;
  private readonly marks = new Map<string, StartMark>();
  private connection: Promise<Pm2Client> | undefined;
  /** The daemon `up` started its apps through. */
  private daemon: ProcessRecord | undefined;

  constructor(private readonly context: RuntimeContext) {
    this.project = context.model.project;
    this.ecosystem = join(context.artifactsDir, ecosystemFile);
    // the pm2 target's runtime option (src/targets/pm2/index.ts)
    const { pm2 } = context.options as { pm2?: string };
    this.pm2Bin = pm2 ?? join(packageRoot, 'node_modules', '.bin', 'pm2');
    this.home = context.env.PM2_HOME ?? join(homedir(), '.pm2');
    this.apiPath = pm2 === undefined ? undefined : apiOf(pm2);
    this.daemonLog = join(this.home, 'pm2.log');
  }

  async preflight(): Promise<string[]> {
    const problems: string[] = [];
    if (!existsSync(this.pm2Bin) || (this.apiPath !== undefined && !existsSync(this.apiPath))) problems.push(`pm2 is not at ${this.pm2Bin}: run npm ci in orchgen's folder, or pass --pm2`);
    else if (!(await this.connect(true).then((client) => client.ping()).then(() => true, () => false))) problems.push('the PM2 daemon does not answer: check PM2_HOME and its permissions');
    if (!existsSync(this.ecosystem)) problems.push(`${this.ecosystem} is missing: run \`orchgen build -t pm2\``);
    return problems;
  }

  async prepare(): Promise<void> {
    await this.connect(true);
    this.daemon = this.runningDaemon();
  }

  async start(service: Service, variant?: Fallback): Promise<void> {
    this.checkDaemon();
    const file = variant ? join(this.context.artifactsDir, fallbackFile(service.name, variant.name)) : this.ecosystem;
    const client = await this.connect(true);
    const previous = await this.find(service);
    if (previous) await client.delete(this.app(service), service.stop.timeoutMs).catch(this.goneAsTool);
    // Where each log stands before the start: the process may print and exit before pm2 returns.
    const offsets = new Map(this.logCandidates(service, previous).map((path) => [path, sizeOf(path)]));
    const daemonLog = sizeOf(this.daemonLog);
    await client.start(file, this.app(service)).catch(this.goneAsTool);
    this.daemon ??= this.runningDaemon();
    const started = await client.describe(this.app(service)).catch(this.goneAsTool);
    this.marks.set(service.name, { restarts: started?.pm2_env.restart_time ?? 0, offsets, daemonLog });
  }

  async stop(service: Service): Promise<void> {
    if (!(await this.find(service))) return;
    await (await this.connected())?.delete(this.app(service), service.stop.timeoutMs).catch((error: unknown) => (error instanceof Pm2DaemonGone ? false : this.goneAsTool(error)));
  }

  async state(service: Service): Promise<ServiceState> {
    this.checkDaemon();
    const process = await this.find(service);
    if (!process) return { running: false, restarts: 0 };
    const env = process.pm2_env;
    const mark = this.marks.get(service.name);
    const restarts = env.restart_time - (mark?.restarts ?? 0);
    const running = env.status === 'online' || env.status === 'launching';
    const state: ServiceState = { running, restarts: Math.max(0, restarts) };
    if ((!running || restarts > 0) && env.exit_code !== undefined) state.exitCode = env.exit_code;
    if ((!running || restarts > 0) && state.exitCode === 0) Object.assign(state, killedBy(this.daemonLog, this.app(service), mark?.daemonLog));
    if (env.status === 'waiting restart') state.restarting = true;
    if (running && process.pid > 0) state.pid = process.pid;
    if (env.pm_uptime) state.since = env.pm_uptime;
    return state;
  }

  async output(service: Service): Promise<string> {
    const process = await this.find(service);
    const mark = this.marks.get(service.name);
    if (!process || !mark) return '';
    const { pm_out_log_path: out, pm_err_log_path: err } = process.pm2_env;
    return [out, err].filter((path, i, all) => path && all.indexOf(path) === i).map((path) => readFrom(path, mark.offsets.get(path!) ?? 0)).join('');
  }

  /** Only `pm2 logs` still runs the CLI: the API has no way to read an app's last lines. */
  async logs(service: Service, lines: number): Promise<string> {
    const result = await execa(this.pm2Bin, ['logs', this.app(service), '--nostream', '--raw', '--lines', String(lines)], { reject: false, all: true, env: { ...this.context.env, PM2_DISCRETE_MODE: 'true' } });
    return result.stdout ? `${result.stdout}\n` : '';
  }

  exec(service: Service, argv: string[], timeoutMs: number): Promise<number> {
    return execWhereServiceRuns(service, containerName(this.project, service.name), argv, timeoutMs, this.context.env);
  }

  footprint(services: readonly Service[]): Footprint {
    // PM2 hands its app's own fields to the process as environment variables.
    const environ = services.map((s) => [`name=${this.app(s)}`, `namespace=${appNamespace(this.project)}`]);
    return { ...emptyFootprint(), containers: containersOf(services, (name) => containerName(this.project, name)), networks: networksOf(this.project, services), environ };
  }

  async leftovers(): Promise<string[]> {
    return (await this.list()).filter((p) => p.pm2_env.namespace === appNamespace(this.project) && p.pm2_env.status !== 'stopped').map((p) => p.name);
  }

  async finish(): Promise<void> {
    const names = (await this.list()).filter((p) => p.pm2_env.namespace === appNamespace(this.project)).map((p) => p.name);
    const client = await this.connected();
    for (const name of names) await client?.delete(name);
  }

  private app(service: Service): string {
    return appName(this.project, service.name);
  }

  private connect(startDaemon: boolean): Promise<Pm2Client> {
    const options = { env: this.context.env, home: this.home, startDaemon, ...(this.apiPath ? { apiPath: this.apiPath } : {}) };
    this.connection ??= connectPm2(options).catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  /** The client, when a daemon runs; none is started to find out. */
  private async connected(): Promise<Pm2Client | undefined> {
    if (!this.connection && !this.runningDaemon()) return undefined;
    try {
      return await this.connect(false);
    } catch (error) {
      if (error instanceof Pm2DaemonGone) return undefined;
      throw error;
    }
  }

  /** Once `up` has a daemon, losing it is the tool gone. */
  private readonly goneAsTool = (error: unknown): never => {
    if (error instanceof Pm2DaemonGone && this.daemon) throw new ToolGone('the PM2 daemon stopped');
    if (error instanceof Pm2Timeout) throw new ToolGone(`the PM2 daemon does not answer (${error.message})`);
    throw error;
  };

  private runningDaemon(): ProcessRecord | undefined {
    try {
      return processRecord(Number(readFileSync(join(this.home, 'pm2.pid'), 'utf8').trim()));
    } catch {
      return undefined;
    }
  }

  private checkDaemon(): void {
    if (this.daemon && !stillRunning(this.daemon)) throw new ToolGone('the PM2 daemon stopped');
  }

  /** Without a daemon, PM2 runs nothing, and none is started to say so. */
  private async list(): Promise<Pm2Process[]> {
    const client = await this.connected();
    if (!client) return [];
    try {
      return await client.list();
    } catch (error) {
      if (error instanceof Pm2DaemonGone) return [];
      throw error;
    }
  }

  private async find(service: Service): Promise<Pm2Process | undefined> {
    return (await this.list()).find((p) => p.name === this.app(service));
  }

  /** The log files an app writes: where its last run wrote, PM2's default place, and the spec's log_dir. */
  private logCandidates(service: Service, previous?: Pm2Process): string[] {
    const logDir = this.context.model.settings.pm2.logDir;
    const names = Object.values(logFileNames(this.app(service)));
    return [
      previous?.pm2_env.pm_out_log_path,
      previous?.pm2_env.pm_err_log_path,
      ...names.map((name) => join(this.home, 'logs', name)),
      ...(logDir ? names.map((name) => join(logDir, name)) : []),
    ].filter((path): path is string => path !== undefined);
  }
}

export const pm2Driver: DriverFactory = (context) => new Pm2Driver(context);

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
