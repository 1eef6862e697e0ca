import type { Condition, Service } from '../../model/types.js';
import type { YamlMap } from '../shared/yaml.js';

const conditions: Record<Condition, string> = {
  started: 'service_started',
  healthy: 'service_healthy',
  completed: 'service_completed_successfully',
};

/** Long-form depends_on; `required: false` only where needed, since Compose v1 rejects the key. */
export function dependsOn(service: Service, present: ReadonlySet<string>): YamlMap | undefined {
  const deps = service.dependsOn.filter((d) => present.has(d.name));
  if (deps.length === 0) return undefined;
  const out: YamlMap = {};
  for (const dep of deps) out[dep.name] = dep.required ? { condition: conditions[dep.condition] } : { condition: conditions[dep.condition], required: false };
  return out;
}
