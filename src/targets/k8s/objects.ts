import type { Service } from '../../model/types.js';
import { exactFindings } from './exact.js';
import { serviceObjectOf } from './ports.js';
import type { Scope } from './scope.js';
import { workloadOf } from './workload.js';
import type { YamlMap } from '../shared/yaml.js';

/** What one service becomes: its Deployment or Job, and a Service when it publishes ports. */
export interface ServiceObjects {
  workload: YamlMap;
  service?: YamlMap;
}

/** The objects of the scope's service; what they cannot say lands in `scope.findings`. */
export function serviceObjectsOf(scope: Scope, base?: Service): ServiceObjects {
  scope.findings.push(...exactFindings(scope.service, scope.at, base));
  const out: ServiceObjects = { workload: workloadOf(scope) };
  const service = serviceObjectOf(scope);
  if (service) out.service = service;
  return out;
}

export function kindOf(object: YamlMap): string {
  return String(object.kind);
}

export function nameOf(object: YamlMap): string {
  return String((object.metadata as YamlMap).name);
}
