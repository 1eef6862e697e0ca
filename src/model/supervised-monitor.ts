import { basename } from 'node:path';
import type { OrchgenSpec, Service as RawService } from '../spec/spec.generated.js';
import { monitorServiceName } from '../spec/monitor-service-name.js';
import type { Model } from './types.js';

/** How the host runs orchgen when `monitor.command` does not say. */
export const defaultMonitorCommand: [string, ...string[]] = ['orchgen'];

/**
 * The supervised monitor, written as the service it becomes: started after every other service
 * (ordering only: it also runs, and reports, when one of them failed), restarted whenever it ends,
 * reading the spec from `project_dir`. Each host target adds `--target` with its own name.
 */
export function supervisedMonitorService(spec: OrchgenSpec, source: string, projectDir: string): RawService {
  const monitor = spec.monitor ?? {};
  const [program, ...args] = monitor.command ?? defaultMonitorCommand;
  const after = Object.fromEntries(Object.keys(spec.services).map((name) => [name, { condition: 'started' as const, required: false }]));
  return {
    description: `orchgen monitor of ${spec.project}: checks, circuit breakers and recovery through the tool`,
    command: [program, ...args, 'monitor', '--file', basename(source)],
    workdir: projectDir,
    env_optional: [monitor.token_env ?? 'ORCHGEN_MONITOR_TOKEN'],
    essential: false,
    depends_on: after,
    restart: { policy: 'always' },
  };
}

/** The model as one target sees it: the supervised monitor's command names that target. */
export function modelForTarget(model: Model, target: string): Model {
  const index = model.services.findIndex((s) => s.name === monitorServiceName);
  const monitor = model.services[index];
  if (monitor?.command?.kind !== 'exec') return model;
  const services = [...model.services];
  services[index] = { ...monitor, command: { kind: 'exec', argv: [...monitor.command.argv, '--target', target] } };
  return { ...model, services };
}
