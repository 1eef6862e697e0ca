// Generated from schema/orchgen.schema.json by `npm run gen:types`. Do not edit.

/**
 * When the supervisor restarts the service: always | on-failure | "no", or the long form.
 */
export type Restart =
  | RestartPolicy
  | {
      policy?: RestartPolicy;
      /**
       * Wait before a restart (the first one, with exponential backoff).
       */
      delay?: string;
      /**
       * Restarts before giving up; unlimited when not set. At most 10000: a service that needs more restarts than that wants no limit (leave it unset); supervisord, systemd and PM2 write the number into their settings, and systemd multiplies it into its start-limit window.
       */
      max_attempts?: number;
      /**
       * fixed: every restart waits `delay`; exponential: the wait doubles up to `max_delay`.
       */
      backoff?: 'fixed' | 'exponential';
      /**
       * The longest wait with exponential backoff.
       */
      max_delay?: string;
    };
export type RestartPolicy = 'always' | 'on-failure' | 'no';
export type Signal = 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGHUP' | 'SIGKILL' | 'SIGUSR1' | 'SIGUSR2' | 'SIGWINCH';
/**
 * A duration such as 500ms, 2s, 1m30s or 1h; each number has at most 5 digits (99999h is over 11 years), which keeps every duration within what each target can hold: Kubernetes counts probe periods and grace periods in 32-bit seconds.
 */
export type Duration = string;
/**
 * A duration above zero, such as 500ms, 2s or 1m30s; at most 5 digits per number. Zero is refused: Docker reads a zero interval or timeout as its own default (30s), and Kubernetes probes run at least every second.
 */
export type PositiveDuration = string;
/**
 * An environment value; numbers and booleans are written as their YAML text.
 */
export type EnvValue = string | number | boolean;
/**
 * The container's network: host (shares the host's; ports are the host's), bridge or none; default: the engine's default. Process services always use the host's.
 */
export type Network = 'host' | 'bridge' | 'none';
/**
 * Exec form (a list: program and arguments, no shell) or a string run through /bin/sh -c.
 *
 * @minItems 1
 */
export type Command = [string, ...string[]] | string;
/**
 * An environment variable name.
 */
export type EnvName = string;
/**
 * A Linux capability as the kernel names it without its CAP_ prefix, such as NET_ADMIN, or ALL.
 */
export type Capability = string;
/**
 * An IPv4 or IPv6 address, or host-gateway (the engine's address for the host).
 */
export type HostIp = string;
/**
 * Services this one needs, started before it: a list of names, or a map of name to condition.
 */
export type DependsOn =
  | Name[]
  | {
      [k: string]:
        | DependencyCondition
        | {
            condition?: DependencyCondition;
            /**
             * false: start this service even when the dependency fails.
             */
            required?: boolean;
          };
    };
/**
 * A name: lower-case letters, digits and dashes, starting with a letter.
 */
export type Name = string;
/**
 * started: the dependency was started; healthy: its health check passed; completed: it ran to a successful end.
 */
export type DependencyCondition = 'started' | 'healthy' | 'completed';
/**
 * Exec form (a list: program and arguments, no shell) or a string run through /bin/sh -c.
 *
 * @minItems 1
 */
export type Command1 = [string, ...string[]] | string;
/**
 * A target's name; validation checks it against the targets orchgen has (the registry, src/targets/all.ts), not this schema.
 */
export type TargetName = string;
/**
 * A size in bytes, or with a binary suffix: 512K, 512M, 1G, 1T (K = 1024 bytes); below 1000T (at most 15 digits of bytes, 12 of K, 9 of M, 6 of G, 3 of T), so that every target writes it as a whole number.
 */
export type Size = string;

/**
 * One stack of services, compiled by orchgen into systemd units, a Compose file, a PM2 ecosystem file, a supervisord conf and Kubernetes manifests.
 */
export interface OrchgenSpec {
  /**
   * Spec version. Always 1.
   */
  version: 1;
  /**
   * Project name: prefixes systemd units, names the Compose project, the PM2 namespace and the supervisord group.
   */
  project: string;
  /**
   * The folder the stack's files are in where it runs, e.g. /srv/shop (Compose calls it the project directory). Every relative path of the spec (bind-volume sources, env_file) is anchored there on every target, and a host process without `workdir` runs there. Without it, Compose, PM2 and supervisord find relative paths from their own file (the spec's folder as seen from out/), Kubernetes mounts an empty folder for a relative volume, and systemd, whose units are installed elsewhere, refuses them (E301). No `:`, which Docker's -v and Compose's volumes split on.
   */
  project_dir?: string;
  defaults?: Defaults;
  /**
   * The services of the stack, by name. Declaration order breaks every tie in generated output.
   */
  services: {
    [k: string]: Service;
  };
  /**
   * Named volumes that need more than their name, by the name services mount them by (`pgdata` in `pgdata:/var/lib/postgresql/data`). A named volume not listed here is the project's own: `<project>_<volume>` on every container target, as Compose names it, made when first mounted; in Kubernetes the PersistentVolumeClaim `<project>-<volume>`.
   */
  volumes?: {
    [k: string]: Volume;
  };
  /**
   * `orchgen monitor`: checks every service, opens circuit breakers, recovers services through their tool, and serves a REST API and Prometheus metrics.
   */
  monitor?: {
    /**
     * HOST:PORT of the API and metrics (default 127.0.0.1:9786). An address other than loopback needs `token_env`.
     */
    listen?: string;
    /**
     * An environment variable name.
     */
    token_env?: string;
    /**
     * Serve status and metrics only: every POST is refused (default false).
     */
    read_only?: boolean;
    /**
     * Run the monitor as one more service of each host target: a systemd unit, a supervisord program and a PM2 app named `orchgen-monitor`, started after every other service (`up` starts it last), stopped first, restarted by its tool when it ends. It reads the spec from `project_dir`, which it needs (default false).
     */
    supervised?: boolean;
    /**
     * How the host runs orchgen for the supervised monitor: the program and its first arguments, before `monitor --target T --file F` (default ["orchgen"], found on the tool's PATH; e.g. ["/usr/local/bin/orchgen"] or ["npx", "--no-install", "orchgen"]).
     *
     * @minItems 1
     */
    command?: [string, ...string[]];
    /**
     * A duration above zero, such as 500ms, 2s or 1m30s; at most 5 digits per number. Zero is refused: Docker reads a zero interval or timeout as its own default (30s), and Kubernetes probes run at least every second.
     */
    interval?: string;
    circuit_breaker?: CircuitBreaker;
    recovery?: Recovery;
  };
  targets?: TargetSettings;
}
/**
 * Settings every service starts from.
 */
export interface Defaults {
  restart?: Restart;
  stop?: Stop;
  /**
   * Health check timings for every service.
   */
  health?: {
    interval?: PositiveDuration;
    timeout?: PositiveDuration;
    /**
     * Failed checks in a row before the service is unhealthy. At most 1000: a slow start belongs in `start_period`; every target writes the number into its settings.
     */
    retries?: number;
    start_period?: Duration;
    /**
     * A duration above zero, such as 500ms, 2s or 1m30s; at most 5 digits per number. Zero is refused: Docker reads a zero interval or timeout as its own default (30s), and Kubernetes probes run at least every second.
     */
    start_interval?: string;
  };
  env?: Env;
  user?: string;
  workdir?: string;
  resources?: Resources;
  network?: Network;
}
/**
 * How the service is stopped: the signal, and how long to wait before it is killed.
 */
export interface Stop {
  signal?: Signal;
  timeout?: Duration;
}
/**
 * Environment variables passed to the process byte for byte: a value as written, or a secret read from the environment at start ({secret: true, from: VARIABLE}).
 */
export interface Env {
  [k: string]: EnvValue | Secret;
}
/**
 * A secret value: read when the service starts from the environment variable `from` (default: the key itself), never written into an artifact.
 */
export interface Secret {
  /**
   * Marks the value as a secret; always true.
   */
  secret: true;
  /**
   * An environment variable name.
   */
  from?: string;
}
export interface Resources {
  /**
   * Memory limit.
   */
  memory?: string;
  /**
   * CPU limit in cores, e.g. 1.5. At most 4096: the largest Linux hosts have a few thousand logical CPUs, and systemd writes the limit as a percentage (CPUQuota=409600%).
   */
  cpus?: number;
}
export interface Service {
  /**
   * One line saying what the service is.
   */
  description?: string;
  /**
   * Container image: the service runs as a container.
   */
  image?: string;
  command?: Command;
  /**
   * Working directory (absolute).
   */
  workdir?: string;
  /**
   * User the process runs as.
   */
  user?: string;
  env?: Env;
  /**
   * Files of KEY=VALUE lines read when the service starts.
   */
  env_file?: string | string[];
  /**
   * Keys that must be set in the environment when the stack comes up.
   */
  env_required?: EnvName[];
  /**
   * Keys passed on from the environment when the stack comes up, only when set there: an unset key is left out, never given an empty value, and never stops the start.
   */
  env_optional?: EnvName[];
  /**
   * Published ports: "[IP:]HOST:CONTAINER[/tcp|udp]".
   */
  ports?: string[];
  /**
   * Mounts: "SOURCE:TARGET[:ro|rw]"; a SOURCE without a slash is a named volume.
   */
  volumes?: string[];
  /**
   * Host devices given to a container: "HOST[:CONTAINER[:PERMISSIONS]]", permissions from r, w, m (default rwm).
   */
  devices?: string[];
  /**
   * Replaces the image's entrypoint (and with it the image's default command): exec form (a list: program and arguments) or a string run through /bin/sh -c; `command` follows it as its arguments.
   *
   * @minItems 1
   */
  entrypoint?: [string, ...string[]] | string;
  /**
   * Linux capabilities given to a container beyond the engine's default set.
   */
  cap_add?: Capability[];
  /**
   * Linux capabilities taken from a container's default set; ALL drops every one.
   */
  cap_drop?: Capability[];
  /**
   * Lines added to a container's /etc/hosts: a map of host name to IP, or a list of "HOST:IP" (a name may be listed with several IPs).
   */
  extra_hosts?:
    | {
        [k: string]: HostIp;
      }
    | string[];
  /**
   * true: an init process (the engine's, tini) runs as PID 1, reaps zombies and forwards signals to the command; false: the command is PID 1 even when the engine's default is an init.
   */
  init?: boolean;
  /**
   * Where the engine sends a container's output: a log driver and its options, as `docker run --log-driver` and `--log-opt` take them.
   */
  logging?: {
    /**
     * The engine's log driver, such as json-file, local, journald, syslog or none.
     */
    driver?: string;
    /**
     * The driver's options, each a string passed as written, such as max-size: 10m.
     */
    options?: {
      [k: string]: string;
    };
  };
  network?: Network;
  /**
   * true (default): the stack fails without it; false: it runs degraded.
   */
  essential?: boolean;
  depends_on?: DependsOn;
  health?: Health;
  monitor?: ServiceMonitor;
  restart?: Restart;
  stop?: Stop;
  resources?: Resources;
  gpu?: Gpu;
  fallbacks?: Fallback[];
  /**
   * Where this service goes; default: every target that can run it.
   *
   * @minItems 1
   */
  targets?: [TargetName, ...TargetName[]];
  native?: Native;
}
/**
 * One health check: http, tcp or exec.
 */
export interface Health {
  /**
   * An HTTP GET that must answer with the status (default 200).
   */
  http?:
    | string
    | {
        url: string;
        status?: number;
      };
  /**
   * HOST:PORT that must accept a connection.
   */
  tcp?: string;
  exec?: Command1;
  interval?: PositiveDuration;
  timeout?: PositiveDuration;
  /**
   * Failed checks in a row before the service is unhealthy. At most 1000: a slow start belongs in `start_period`; every target writes the number into its settings.
   */
  retries?: number;
  start_period?: Duration;
  /**
   * A duration above zero, such as 500ms, 2s or 1m30s; at most 5 digits per number. Zero is refused: Docker reads a zero interval or timeout as its own default (30s), and Kubernetes probes run at least every second.
   */
  start_interval?: string;
}
/**
 * This service's monitoring, over the stack's `monitor:` settings, key by key.
 */
export interface ServiceMonitor {
  /**
   * A duration above zero, such as 500ms, 2s or 1m30s; at most 5 digits per number. Zero is refused: Docker reads a zero interval or timeout as its own default (30s), and Kubernetes probes run at least every second.
   */
  interval?: string;
  circuit_breaker?: CircuitBreaker;
  recovery?: Recovery;
}
/**
 * The monitor's circuit breaker of a service: after `failures` failed checks in a row it opens and no check runs for `open_for`; then it half-opens, and `successes` in a row close it (one failure opens it again).
 */
export interface CircuitBreaker {
  /**
   * Failed checks in a row that open the breaker (default 5).
   */
  failures?: number;
  /**
   * Successful checks in a row that close a half-open breaker (default 2).
   */
  successes?: number;
  /**
   * A duration such as 500ms, 2s, 1m30s or 1h; each number has at most 5 digits (99999h is over 11 years), which keeps every duration within what each target can hold: Kubernetes counts probe periods and grace periods in 32-bit seconds.
   */
  open_for?: string;
}
/**
 * How the monitor recovers an unhealthy service: restarts through the tool, `delay` × `backoff`^n apart (at most `max_delay`), `attempts` in all; healthy for `reset_after`, the count starts again. Used up: a matching fallback, else the service is failed.
 */
export interface Recovery {
  /**
   * Restarts tried (default 3).
   */
  attempts?: number;
  /**
   * A duration such as 500ms, 2s, 1m30s or 1h; each number has at most 5 digits (99999h is over 11 years), which keeps every duration within what each target can hold: Kubernetes counts probe periods and grace periods in 32-bit seconds.
   */
  delay?: string;
  /**
   * Each wait is this many times the one before (default 2; 1 keeps it constant).
   */
  backoff?: number;
  /**
   * A duration such as 500ms, 2s, 1m30s or 1h; each number has at most 5 digits (99999h is over 11 years), which keeps every duration within what each target can hold: Kubernetes counts probe periods and grace periods in 32-bit seconds.
   */
  max_delay?: string;
  /**
   * A duration such as 500ms, 2s, 1m30s or 1h; each number has at most 5 digits (99999h is over 11 years), which keeps every duration within what each target can hold: Kubernetes counts probe periods and grace periods in 32-bit seconds.
   */
  reset_after?: string;
  /**
   * Stop the service's dependents first (in reverse order) and start them again after it is healthy (default true).
   */
  restart_dependents?: boolean;
}
/**
 * GPUs for the service: a count (or all), or specific device ids.
 */
export interface Gpu {
  /**
   * How many GPUs, or all. At most 64: the largest single hosts carry 8 to 16 GPUs; a process target lists every id in CUDA_VISIBLE_DEVICES.
   */
  count?: number | 'all';
  /**
   * Specific GPUs by index or UUID. At most 64: as `count`, more than any single host carries.
   *
   * @minItems 1
   * @maxItems 64
   */
  device_ids?: [string, ...string[]];
  /**
   * Device capabilities; default [gpu]. At most 16: the NVIDIA runtime knows 7 (gpu, compute, utility, graphics, video, display, compat32).
   *
   * @minItems 1
   * @maxItems 16
   */
  capabilities?:
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string, string, string, string]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string
      ];
}
/**
 * A variant of the service tried when it fails to come up.
 */
export interface Fallback {
  name: Name;
  /**
   * When this fallback applies; any matching condition selects it. Without `when`, any failure does.
   */
  when?: {
    /**
     * A regular expression matched against the service's output since it started.
     */
    log?: string;
    /**
     * @minItems 1
     */
    exit_codes?: [number, ...number[]];
    /**
     * The service never passed its health check.
     */
    health_timeout?: boolean;
  };
  set: Service1;
}
/**
 * Service keys this variant changes: env merges, everything else replaces.
 */
export interface Service1 {
  /**
   * One line saying what the service is.
   */
  description?: string;
  /**
   * Container image: the service runs as a container.
   */
  image?: string;
  command?: Command;
  /**
   * Working directory (absolute).
   */
  workdir?: string;
  /**
   * User the process runs as.
   */
  user?: string;
  env?: Env;
  /**
   * Files of KEY=VALUE lines read when the service starts.
   */
  env_file?: string | string[];
  /**
   * Keys that must be set in the environment when the stack comes up.
   */
  env_required?: EnvName[];
  /**
   * Keys passed on from the environment when the stack comes up, only when set there: an unset key is left out, never given an empty value, and never stops the start.
   */
  env_optional?: EnvName[];
  /**
   * Published ports: "[IP:]HOST:CONTAINER[/tcp|udp]".
   */
  ports?: string[];
  /**
   * Mounts: "SOURCE:TARGET[:ro|rw]"; a SOURCE without a slash is a named volume.
   */
  volumes?: string[];
  /**
   * Host devices given to a container: "HOST[:CONTAINER[:PERMISSIONS]]", permissions from r, w, m (default rwm).
   */
  devices?: string[];
  /**
   * Replaces the image's entrypoint (and with it the image's default command): exec form (a list: program and arguments) or a string run through /bin/sh -c; `command` follows it as its arguments.
   *
   * @minItems 1
   */
  entrypoint?: [string, ...string[]] | string;
  /**
   * Linux capabilities given to a container beyond the engine's default set.
   */
  cap_add?: Capability[];
  /**
   * Linux capabilities taken from a container's default set; ALL drops every one.
   */
  cap_drop?: Capability[];
  /**
   * Lines added to a container's /etc/hosts: a map of host name to IP, or a list of "HOST:IP" (a name may be listed with several IPs).
   */
  extra_hosts?:
    | {
        [k: string]: HostIp;
      }
    | string[];
  /**
   * true: an init process (the engine's, tini) runs as PID 1, reaps zombies and forwards signals to the command; false: the command is PID 1 even when the engine's default is an init.
   */
  init?: boolean;
  /**
   * Where the engine sends a container's output: a log driver and its options, as `docker run --log-driver` and `--log-opt` take them.
   */
  logging?: {
    /**
     * The engine's log driver, such as json-file, local, journald, syslog or none.
     */
    driver?: string;
    /**
     * The driver's options, each a string passed as written, such as max-size: 10m.
     */
    options?: {
      [k: string]: string;
    };
  };
  network?: Network;
  /**
   * true (default): the stack fails without it; false: it runs degraded.
   */
  essential?: boolean;
  depends_on?: DependsOn;
  health?: Health;
  monitor?: ServiceMonitor;
  restart?: Restart;
  stop?: Stop;
  resources?: Resources;
  gpu?: Gpu;
  fallbacks?: Fallback[];
  /**
   * Where this service goes; default: every target that can run it.
   *
   * @minItems 1
   */
  targets?: [TargetName, ...TargetName[]];
  native?: Native;
}
/**
 * Verbatim settings per target, merged into the generated artifact.
 */
export interface Native {
  /**
   * Extra unit settings by section: {Unit: {...}, Service: {...}, Install: {...}}.
   */
  systemd?: {
    Unit?: IniSection;
    Service?: IniSection;
    Install?: IniSection;
  };
  /**
   * Keys merged into the Compose service. A relative `build` context is relative to this file, like every path of the spec, and rebased to wherever the Compose file is written.
   */
  compose?: {};
  /**
   * Keys merged into the PM2 app.
   */
  pm2?: {};
  supervisor?: IniSection1;
  /**
   * Keys merged into the Deployment's pod spec.
   */
  k8s?: {};
}
export interface IniSection {
  [k: string]: (string | number | boolean) | (string | number | boolean)[];
}
/**
 * Keys added to the [program:x] section.
 */
export interface IniSection1 {
  [k: string]: (string | number | boolean) | (string | number | boolean)[];
}
/**
 * What a named volume is beyond its name.
 */
export interface Volume {
  /**
   * The engine's name of the volume, used as written: no project prefix (Compose's `name:`). In Kubernetes, the name of its PersistentVolumeClaim (made a DNS name: lower case, `-` for `_`). Default: `<project>_<volume>`, or the volume's own name when it is external.
   */
  name?: string;
  /**
   * true: the volume is made outside the stack (by hand, by an earlier deployment, by another project), as Compose's `external: true`. No target creates or removes it, and a container does not start while it is missing: Compose refuses to start, systemd, PM2 and supervisord check before `docker run` (which would make a new, empty one), and in Kubernetes the pod mounts the existing claim of that name and waits for it.
   */
  external?: boolean;
}
/**
 * Per-target settings.
 */
export interface TargetSettings {
  systemd?: {
    /**
     * Container engine for image services.
     */
    engine?: 'docker' | 'podman';
    /**
     * Add sandboxing settings to every unit.
     */
    hardening?: boolean;
    /**
     * The unit that wants the project's target; default multi-user.target.
     */
    wanted_by?: string;
    /**
     * Folder of the files that hold the secrets of each service (KEY="value" lines, mode 0600), written by `orchgen up` and read by the units (EnvironmentFile=); default /etc/orchgen/<project>.
     */
    secrets_dir?: string;
  };
  compose?: {
    /**
     * network_mode for every service, e.g. host.
     */
    network_mode?: string;
  };
  pm2?: {
    /**
     * Folder for the apps' log files.
     */
    log_dir?: string;
  };
  supervisor?: {
    /**
     * Folder for the programs' log files (it must exist before supervisord reads the conf); by default each program logs to /var/log/<project>-<service>.log.
     */
    log_dir?: string;
  };
  k8s?: {
    namespace?: Name;
    /**
     * The storage the PersistentVolumeClaim of each named volume asks for, unless `volume_sizes` names the volume; default 1G (written 1Gi).
     */
    volume_size?: string;
    /**
     * The storage the claim of a named volume asks for, by volume name, e.g. {pgdata: 20G}.
     */
    volume_sizes?: {
      [k: string]: Size;
    };
    /**
     * The StorageClass of every claim; default: the cluster's default class.
     */
    storage_class?: string;
  };
}
