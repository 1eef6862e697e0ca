import type { OrchgenSpec, RawService } from '../spec/raw.js';
import { builtinDefaults } from './defaults.js';
import { monitorSettings } from './monitor.js';
import { anchoredPath } from './project-dir.js';
import { placedTargets, type Runner } from '../spec/placement.js';
import { parseSize } from './size.js';
import { normalizeService, type ServiceContext } from './service.js';
import { monitorServiceName } from '../spec/monitor-service-name.js';
import { supervisedMonitorService } from './supervised-monitor.js';
import type { Fallback, Model, Service, TargetName, TargetSettings } from './types.js';

/** The normalized model of a spec that passed validation. */
export function buildModel(source: string, spec: OrchgenSpec, selected: readonly TargetName[], runners: readonly Runner[]): Model {
  const services = Object.entries(spec.services).map(([name, raw]) => {
    const context: ServiceContext = { defaults: spec.defaults ?? {}, monitor: spec.monitor, all: spec.services, targets: placedTargets(raw, selected, runners) };
    if (spec.project_dir !== undefined) context.projectDir = anchoredPath('.', spec.project_dir);
    if (spec.volumes !== undefined) context.volumes = spec.volumes;
    const service = normalizeService(name, raw, context);
    service.fallbacks = (raw.fallbacks ?? []).map((fallback) => normalizeFallback(name, raw, fallback, context));
    return service;
  });
  if (spec.monitor?.supervised === true && spec.project_dir !== undefined) services.push(supervisedMonitor(source, spec, selected, runners));
  const model: Model = { source, project: spec.project, services, settings: settings(spec), monitor: monitorSettings(spec) };
  if (spec.project_dir !== undefined) model.projectDir = anchoredPath('.', spec.project_dir);
  return model;
}

function supervisedMonitor(source: string, spec: OrchgenSpec, selected: readonly TargetName[], runners: readonly Runner[]): Service {
  const projectDir = anchoredPath('.', spec.project_dir!);
  const raw = supervisedMonitorService(spec, source, projectDir);
  return normalizeService(monitorServiceName, raw, { defaults: spec.defaults ?? {}, monitor: spec.monitor, all: { ...spec.services, [monitorServiceName]: raw }, targets: placedTargets(raw, selected, runners), projectDir });
}

function normalizeFallback(name: string, raw: RawService, fallback: NonNullable<RawService['fallbacks']>[number], context: ServiceContext): Fallback {
  const { fallbacks: _, ...base } = raw;
  const variant: RawService = { ...base, ...fallback.set };
  if (base.env !== undefined || fallback.set.env !== undefined) variant.env = { ...base.env, ...fallback.set.env };
  const when = fallback.when ?? {};
  const service: Service = normalizeService(name, variant, context);
  const result: Fallback = {
    name: fallback.name,
    when: { exitCodes: when.exit_codes ?? [], healthTimeout: when.health_timeout ?? false },
    changes: Object.keys(fallback.set),
    service,
  };
  if (when.log !== undefined) result.when.log = when.log;
  return result;
}

function settings(spec: OrchgenSpec): TargetSettings {
  const targets = spec.targets ?? {};
  const out: TargetSettings = {
    systemd: {
      engine: targets.systemd?.engine ?? 'docker',
      hardening: targets.systemd?.hardening ?? false,
      wantedBy: targets.systemd?.wanted_by ?? builtinDefaults.systemdWantedBy,
      secretsDir: targets.systemd?.secrets_dir ?? `/etc/orchgen/${spec.project}`,
    },
    compose: {},
    pm2: {},
    supervisor: {},
    k8s: { volumeSize: parseSize(targets.k8s?.volume_size ?? '1G'), volumeSizes: Object.fromEntries(Object.entries(targets.k8s?.volume_sizes ?? {}).map(([v, size]) => [v, parseSize(size)])) },
  };
  if (targets.compose?.network_mode !== undefined) out.compose.networkMode = targets.compose.network_mode;
  if (targets.pm2?.log_dir !== undefined) out.pm2.logDir = targets.pm2.log_dir;
  if (targets.supervisor?.log_dir !== undefined) out.supervisor.logDir = targets.supervisor.log_dir;
  if (targets.k8s?.namespace !== undefined) out.k8s.namespace = targets.k8s.namespace;
  if (targets.k8s?.storage_class !== undefined) out.k8s.storageClass = targets.k8s.storage_class;
  return out;
}
