/** The normalized model: defaults merged, short forms expanded, durations in ms, sizes in bytes. */
import type { PortMapping } from '../spec/port-text.js';

/** A registered target's name: the registry (`src/targets/all.ts`) holds them, the model only carries them. */
export type TargetName = string;

export type Command = { kind: 'exec'; argv: string[] } | { kind: 'shell'; script: string };

export type Condition = 'started' | 'healthy' | 'completed';

export interface Dependency {
  name: string;
  condition: Condition;
  /** false: the dependent starts and keeps running even when this dependency fails. */
  required: boolean;
}

export type Port = PortMapping;

export interface Volume {
  source: string;
  target: string;
  readOnly: boolean;
  /** bind: SOURCE is a path; named: an engine-managed volume. */
  kind: 'bind' | 'named';
  /** What the spec's top-level `volumes:` says of this named volume, when it names it. */
  declared?: VolumeDeclaration;
}

/** A named volume beyond its name: the engine's name of it, and whether the stack owns it. */
export interface VolumeDeclaration {
  /** The engine's name, used as written (no project prefix). */
  name?: string;
  /** Made outside the stack: never created or removed by it, and needed before a container starts. */
  external: boolean;
}

/** A host device given to a container, as `docker run --device HOST:CONTAINER:PERMISSIONS` takes it. */
export interface Device {
  host: string;
  container: string;
  /** Letters from r (read), w (write), m (mknod); rwm when the spec names none. */
  permissions: string;
}

/** One line of a container's /etc/hosts: `ip` is an address or `host-gateway`, the engine's address for the host. */
export interface ExtraHost {
  host: string;
  ip: string;
  /** Where it is written under `extra_hosts`: its key (map form) or its index (list form). */
  at: string | number;
}

/** A container's log driver and its options, as `docker run --log-driver` and `--log-opt KEY=VALUE` take them. */
export interface Logging {
  /** undefined: the engine's default driver (the options then go to it). */
  driver?: string;
  options: Array<[string, string]>;
}

export type HealthCheck =
  | { kind: 'http'; url: string; status: number }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'exec'; command: Command };

export interface Health {
  check: HealthCheck;
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  /** Time between checks within the start period; undefined: `intervalMs`. */
  startIntervalMs?: number;
}

export interface Restart {
  policy: 'always' | 'on-failure' | 'no';
  delayMs: number;
  /** undefined: unlimited. */
  maxAttempts?: number;
  backoff: 'fixed' | 'exponential';
  maxDelayMs: number;
}

export interface Stop {
  signal: string;
  timeoutMs: number;
}

export interface Resources {
  memoryBytes?: number;
  cpus?: number;
}

export type Gpu = { count: number | 'all'; capabilities: string[] } | { deviceIds: string[]; capabilities: string[] };

export interface FallbackWhen {
  log?: string;
  exitCodes: number[];
  healthTimeout: boolean;
}

export interface Fallback {
  name: string;
  when: FallbackWhen;
  /** The keys the variant sets, as written (for drop-ins and overrides that change only those). */
  changes: string[];
  /** The whole service as it runs under this variant. */
  service: Service;
}

/** An env key whose value comes, when the service starts, from the environment variable `from`. */
export interface Secret {
  key: string;
  from: string;
}

export interface Native {
  systemd?: Record<string, Record<string, unknown>>;
  compose?: Record<string, unknown>;
  pm2?: Record<string, unknown>;
  supervisor?: Record<string, unknown>;
  k8s?: Record<string, unknown>;
}

export interface Service {
  name: string;
  description?: string;
  /** container: runs `image`; process: runs `command` on the host. */
  kind: 'container' | 'process';
  image?: string;
  command?: Command;
  workdir?: string;
  user?: string;
  /** Declaration order: defaults first, then the service's own keys. Secrets are not here. */
  env: Array<[string, string]>;
  /** Keys whose value is read at start from the variable `from` (never a value), in declaration order like `env`. */
  secrets: Secret[];
  envFiles: string[];
  /** Keys the process must get from the environment at start: unset, the service does not start. */
  envRequired: string[];
  /** Keys passed on from the environment at start when set there; unset, the process simply lacks them. */
  envOptional: string[];
  ports: Port[];
  volumes: Volume[];
  /** Host devices a container sees; empty for a process, which has the host's own. */
  devices: Device[];
  /** Replaces the image's entrypoint and drops its default command; `command` follows it as its arguments. */
  entrypoint?: Command;
  /** Capabilities added to and dropped from a container's default set, without the CAP_ prefix. */
  capAdd: string[];
  capDrop: string[];
  /** Lines added to a container's /etc/hosts, in declaration order. */
  extraHosts: ExtraHost[];
  /** true: an init runs as PID 1; false: the command is PID 1; undefined: the engine's default. */
  init?: boolean;
  logging?: Logging;
  /** A container's network; undefined: the engine's default. */
  network?: 'host' | 'bridge' | 'none';
  essential: boolean;
  dependsOn: Dependency[];
  health?: Health;
  /** How `orchgen monitor` watches and recovers the service. */
  monitor: ServiceMonitor;
  restart: Restart;
  stop: Stop;
  resources: Resources;
  gpu?: Gpu;
  fallbacks: Fallback[];
  /** The targets this service goes to, in catalogue order. */
  targets: TargetName[];
  native: Native;
}

export interface TargetSettings {
  systemd: { engine: 'docker' | 'podman'; hardening: boolean; wantedBy: string; secretsDir: string };
  compose: { networkMode?: string };
  pm2: { logDir?: string };
  /** supervisor: without a logDir, each program logs to /var/log/<program>.log. */
  supervisor: { logDir?: string };
  k8s: { namespace?: string; volumeSize: number; volumeSizes: Readonly<Record<string, number>>; storageClass?: string };
}

export interface ServiceMonitor {
  intervalMs: number;
  breaker: { failures: number; successes: number; openForMs: number };
  recovery: { attempts: number; delayMs: number; backoff: number; maxDelayMs: number; resetAfterMs: number; restartDependents: boolean };
}

/** Where `orchgen monitor` serves its API and metrics, and who may act through it. */
export interface MonitorSettings {
  listen: { host: string; port: number };
  /** The environment variable holding the bearer token of every POST. */
  tokenEnv: string;
  readOnly: boolean;
}

export interface Model {
  /** The spec file, as given. */
  source: string;
  project: string;
  /** `project_dir`, normalized: the spec's relative paths are anchored there in every service. */
  projectDir?: string;
  /** In declaration order. */
  services: Service[];
  settings: TargetSettings;
  monitor: MonitorSettings;
}
