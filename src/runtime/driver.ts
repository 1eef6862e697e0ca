import type { Fallback, Model, Service, TargetName } from '../model/types.js';

export interface ServiceState {
  running: boolean;
  /** The exit code of the last run, once it has exited since it was started. */
  exitCode?: number;
  /** Restarts the supervisor made since the service was started. */
  restarts: number;
  /** When the current run started (ms since the epoch). */
  since?: number;
}

export interface RuntimeContext {
  model: Model;
  /** This target's artifacts: `<out>/<target>/`. */
  artifactsDir: string;
  /** Where the runtime keeps its own files (sockets, pid files, logs, state) for this project. */
  stateDir: string;
  /** The environment services start with. */
  env: Record<string, string | undefined>;
  /** How to reach the tool, from the command line. */
  options: DriverOptions;
}

export interface DriverOptions {
  /** systemd: the folder units are installed into (default /etc/systemd/system, or ~/.config/systemd/user with --user). */
  unitDir?: string;
  /** systemd: the command that runs systemctl, e.g. `docker exec box systemctl` (default `systemctl`). */
  systemctl?: string[];
  /** systemd: talk to the user's manager. */
  user?: boolean;
  /** systemd: a remote host, through systemctl's own --host (ssh). */
  host?: string;
  /** supervisor: an existing supervisord's conf, instead of one orchgen starts. */
  supervisorConf?: string;
  /** pm2: the pm2 executable to use instead of the one orchgen ships with. */
  pm2?: string;
}

/**
 * Drives one real supervisor through the artifacts orchgen built. A driver never runs a service
 * itself: it asks systemd, Docker Compose, PM2 or supervisord to.
 */
export interface Driver {
  readonly target: TargetName;
  /** Problems that stop `up` before it starts anything, each saying what to do. */
  preflight(): Promise<string[]>;
  /** Makes the artifacts known to the tool (install units, start a supervisord, ...). */
  prepare(): Promise<void>;
  /** Starts the service, as the given fallback variant when there is one. */
  start(service: Service, variant?: Fallback): Promise<void>;
  /** Stops the service with its stop signal and timeout, then forcibly. */
  stop(service: Service): Promise<void>;
  state(service: Service): Promise<ServiceState>;
  /** What the service printed since it was last started. */
  output(service: Service): Promise<string>;
  /** The last lines the service printed, through the native tool. */
  logs(service: Service, lines: number): Promise<string>;
  /** Runs a health check command where the service runs; resolves to its exit code. */
  exec(service: Service, argv: string[], timeoutMs: number): Promise<number>;
  /** The tool's own view of health, where it has one (Docker). */
  nativeHealth?(service: Service): Promise<'healthy' | 'unhealthy' | 'starting' | undefined>;
  /** Processes or containers of the project that are still there. */
  leftovers(): Promise<string[]>;
  /** After `down`: stops what `prepare` started (a supervisord, a PM2 daemon's apps). */
  finish(): Promise<void>;
}

export type DriverFactory = (context: RuntimeContext) => Driver;
