import type { Fallback, Model, Service, TargetName } from '../model/types.js';
import type { Footprint } from './footprint.js';

export interface ServiceState {
  running: boolean;
  /** The exit code of the last run, once it has exited since it was started (128 + n when signal n killed it). */
  exitCode?: number;
  /** The signal that killed the last run, e.g. `SIGKILL`, when the tool knows it. */
  signal?: string;
  /** Running, but its supervisor does not count it as started yet (supervisord's startsecs). */
  starting?: boolean;
  /**
   * Running, but the tool's own readiness gate has not passed yet (systemd's ExecStartPost= wait):
   * to the tool, and so to the dependents it orders after it, the service is still starting.
   */
  gated?: boolean;
  /** Not running now, but the supervisor is about to start it again (restart delay, backoff). */
  restarting?: boolean;
  /** The main process on this host, when the tool names one: what `up` stops itself if the tool goes away. */
  pid?: number;
  /** Restarts the supervisor made since the service was started. */
  restarts: number;
  /** When the current run started (ms since the epoch). */
  since?: number;
  /** The tool's own view of its health, where it runs health checks itself (Docker). */
  health?: 'healthy' | 'unhealthy' | 'starting';
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

/**
 * How to reach the tool, from the command line: the options the target declares
 * (`runtimeOptions` in its folder) under their keys. Each driver reads its own, typed in its folder.
 */
export type DriverOptions = Readonly<Record<string, string | string[] | boolean | undefined>>;

/**
 * Drives one real supervisor through the artifacts orchgen built. A driver never runs a service
 * itself: it asks systemd, Docker Compose, PM2 or supervisord to. Once `prepare` has run, `state`
 * and `start` throw ToolGone when the tool itself is gone (its daemon killed or stopped); before
 * that, a tool that is not running only means that nothing runs. `stop` and `leftovers` never start
 * a daemon that is not running.
 */
export interface Driver {
  readonly target: TargetName;
  /** Whether its containers run on this machine's Docker engine (default true). */
  readonly localEngine?: boolean;
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
  /** How long a run must last before the tool counts it as started (supervisord's startsecs), when it waits for that at all. */
  startedAfterMs?(service: Service): number;
  /** Runs a health check command where the service runs; resolves to its exit code, 124 when it timed out. */
  exec(service: Service, argv: string[], timeoutMs: number): Promise<number>;
  /** After `up`, whatever its outcome: removes what `prepare` made ready for services this run did not start. */
  discardUnstarted?(): Promise<void>;
  /** Processes or containers of the project that are still there, as the tool sees them. */
  leftovers(): Promise<string[]>;
  /** How to find what the services left without asking the tool (see remains.ts). */
  footprint(services: readonly Service[]): Footprint;
  /** After `down`: stops what `prepare` started (a supervisord, a PM2 daemon's apps). */
  finish(): Promise<void>;
}

export type DriverFactory = (context: RuntimeContext) => Driver;
