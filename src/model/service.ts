import type { Defaults, OrchgenSpec, Service as RawService } from '../spec/spec.generated.js';
import { serviceMonitor } from './monitor.js';
import { builtinDefaults } from './defaults.js';
import { mergeEnv } from './env.js';
import { containerKeys } from './container.js';
import { parseDevice } from './devices.js';
import { parseDuration } from './duration.js';
import { parseHostPort } from './host-port.js';
import { parsePort } from '../spec/port-text.js';
import { parseSize } from './size.js';
import { namedVolumeOf } from '../spec/raw.js';
import { anchoredPath } from './project-dir.js';
import type { Command, Dependency, Gpu, Health, HealthCheck, Resources, Restart, Service, Stop, TargetName, Volume } from './types.js';

export interface ServiceContext {
  defaults: Defaults;
  /** The stack's `monitor:`, under each service's own. */
  monitor?: OrchgenSpec['monitor'];
  /** Every service as written, to settle dependency defaults. */
  all: Record<string, RawService>;
  targets: TargetName[];
  /** `project_dir`: where the spec's relative paths are anchored. */
  projectDir?: string;
  /** The spec's top-level `volumes:`. */
  volumes?: OrchgenSpec['volumes'];
}

/** One service as written, with defaults merged and short forms expanded; fallbacks are added by the caller. */
export function normalizeService(name: string, raw: RawService, context: ServiceContext): Service {
  const { defaults } = context;
  const gpu = raw.gpu ? normalizeGpu(raw.gpu) : undefined;
  const { env, secrets } = mergeEnv(defaults.env, raw.env);
  const health = raw.health ? normalizeHealth(raw.health, defaults.health ?? {}, gpu !== undefined) : undefined;
  const service: Service = {
    name,
    kind: raw.image !== undefined ? 'container' : 'process',
    env,
    secrets,
    envFiles: raw.env_file === undefined ? [] : [raw.env_file].flat().map((file) => anchoredPath(file, context.projectDir)),
    envRequired: raw.env_required ?? [],
    envOptional: raw.env_optional ?? [],
    ports: (raw.ports ?? []).map(parsePort),
    volumes: (raw.volumes ?? []).map((text) => declaredVolume(anchoredVolume(parseVolume(text), context.projectDir), context.volumes)),
    devices: (raw.devices ?? []).map(parseDevice),
    ...containerKeys(raw, normalizeCommand),
    essential: raw.essential ?? true,
    dependsOn: dependencies(raw, context.all),
    monitor: serviceMonitor({ monitor: context.monitor }, raw.monitor, health?.intervalMs),
    restart: normalizeRestart(raw.restart ?? defaults.restart),
    stop: normalizeStop(defaults.stop, raw.stop),
    resources: normalizeResources(defaults.resources, raw.resources),
    fallbacks: [],
    targets: context.targets,
    native: (raw.native ?? {}) as Service['native'],
  };
  if (raw.description !== undefined) service.description = raw.description;
  if (raw.image !== undefined) service.image = raw.image;
  if (raw.command !== undefined) service.command = normalizeCommand(raw.command);
  // a host process runs where the stack's files are, when the spec says where that is
  const workdir = raw.workdir ?? defaults.workdir ?? (raw.image === undefined ? context.projectDir : undefined);
  if (workdir !== undefined) service.workdir = workdir;
  const user = raw.user ?? defaults.user;
  if (user !== undefined) service.user = user;
  if (health) service.health = health;
  if (gpu) service.gpu = gpu;
  const network = raw.network ?? defaults.network;
  if (network !== undefined && service.kind === 'container') service.network = network;
  return service;
}

export function normalizeCommand(command: string | string[]): Command {
  return typeof command === 'string' ? { kind: 'shell', script: command } : { kind: 'exec', argv: [...command] };
}

function parseVolume(text: string): Volume {
  const parts = text.split(':');
  const [source, target, mode] = parts as [string, string, string?];
  return { source, target, readOnly: mode === 'ro', kind: namedVolumeOf(text) === undefined ? 'bind' : 'named' };
}

function anchoredVolume(volume: Volume, projectDir: string | undefined): Volume {
  return volume.kind === 'bind' ? { ...volume, source: anchoredPath(volume.source, projectDir) } : volume;
}

function declaredVolume(volume: Volume, declarations: ServiceContext['volumes']): Volume {
  const declared = volume.kind === 'named' ? declarations?.[volume.source] : undefined;
  if (declared === undefined) return volume;
  return { ...volume, declared: { ...(declared.name !== undefined ? { name: declared.name } : {}), external: declared.external ?? false } };
}

/** A list names dependencies that are waited for as far as they can be: healthy when they have a health check. */
function dependencies(raw: RawService, all: Record<string, RawService>): Dependency[] {
  const dependsOn = raw.depends_on;
  if (dependsOn === undefined) return [];
  type Long = { condition?: Dependency['condition']; required?: boolean };
  const entries: Array<[string, Long | Dependency['condition']]> = Array.isArray(dependsOn) ? dependsOn.map((name) => [name, {}]) : Object.entries(dependsOn);
  return entries.map(([name, value]) => {
    const long: Long = typeof value === 'string' ? { condition: value } : value;
    const dependency = all[name]!;
    return {
      name,
      condition: long.condition ?? (dependency.health !== undefined ? 'healthy' : 'started'),
      required: long.required ?? dependency.essential ?? true,
    };
  });
}

function normalizeHealth(raw: NonNullable<RawService['health']>, defaults: NonNullable<Defaults['health']>, gpu: boolean): Health {
  const timing = (key: 'interval' | 'timeout' | 'start_period' | 'start_interval') => raw[key] ?? defaults[key];
  const startPeriod = timing('start_period');
  const startInterval = timing('start_interval');
  const builtin = builtinDefaults.health;
  return {
    check: healthCheck(raw),
    intervalMs: parseOr(timing('interval'), builtin.intervalMs),
    timeoutMs: parseOr(timing('timeout'), builtin.timeoutMs),
    retries: raw.retries ?? defaults.retries ?? builtin.retries,
    startPeriodMs: raw.start_period !== undefined || !gpu ? parseOr(startPeriod, builtin.startPeriodMs) : Math.max(parseOr(startPeriod, 0), builtinDefaults.gpuStartPeriodMs),
    ...(startInterval !== undefined ? { startIntervalMs: parseDuration(startInterval) } : {}),
  };
}

function healthCheck(raw: NonNullable<RawService['health']>): HealthCheck {
  if (raw.http !== undefined) {
    return typeof raw.http === 'string' ? { kind: 'http', url: raw.http, status: 200 } : { kind: 'http', url: raw.http.url, status: raw.http.status ?? 200 };
  }
  if (raw.tcp !== undefined) {
    return { kind: 'tcp', ...parseHostPort(raw.tcp) };
  }
  return { kind: 'exec', command: normalizeCommand(raw.exec!) };
}

function parseOr(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : parseDuration(text);
}

export function normalizeRestart(raw: RawService['restart']): Restart {
  const builtin = builtinDefaults.restart;
  if (raw === undefined) return { ...builtin };
  if (typeof raw === 'string') return { ...builtin, policy: raw };
  const restart: Restart = {
    policy: raw.policy ?? builtin.policy,
    delayMs: parseOr(raw.delay, builtin.delayMs),
    backoff: raw.backoff ?? builtin.backoff,
    maxDelayMs: parseOr(raw.max_delay, builtin.maxDelayMs),
  };
  if (raw.max_attempts !== undefined) restart.maxAttempts = raw.max_attempts;
  return restart;
}

function normalizeStop(defaults: RawService['stop'], raw: RawService['stop']): Stop {
  const builtin = builtinDefaults.stop;
  return {
    signal: raw?.signal ?? defaults?.signal ?? builtin.signal,
    timeoutMs: parseOr(raw?.timeout ?? defaults?.timeout, builtin.timeoutMs),
  };
}

function normalizeResources(defaults: RawService['resources'], raw: RawService['resources']): Resources {
  const resources: Resources = {};
  const memory = raw?.memory ?? defaults?.memory;
  if (memory !== undefined) resources.memoryBytes = parseSize(memory);
  const cpus = raw?.cpus ?? defaults?.cpus;
  if (cpus !== undefined) resources.cpus = cpus;
  return resources;
}

function normalizeGpu(raw: NonNullable<RawService['gpu']>): Gpu {
  const capabilities = raw.capabilities ?? ['gpu'];
  if (raw.device_ids !== undefined) return { deviceIds: [...raw.device_ids], capabilities };
  return { count: raw.count ?? 'all', capabilities };
}
