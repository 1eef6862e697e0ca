import type { Model, Service } from '../../model/types.js';
import type { SpecPath } from '../../spec/diagnostic.js';
import { warning, type Finding } from './finding.js';

/** What every service's manifests are made from. */
export interface K8sContext {
  model: Model;
  /** The services on this target, by name. */
  present: ReadonlyMap<string, Service>;
}

/** One service (or one fallback variant of it) being rendered, and what it could not say. */
export interface Scope {
  ctx: K8sContext;
  service: Service;
  findings: Finding[];
  /** Where a key of the service is set in the spec: in the fallback's `set` when the variant sets it. */
  at(key: string, ...rest: Array<string | number>): SpecPath;
}

export function serviceScope(ctx: K8sContext, service: Service): Scope {
  return { ctx, service, findings: [], at: (key, ...rest) => ['services', service.name, key, ...rest] };
}

export function variantScope(ctx: K8sContext, base: Service, index: number): Scope {
  const fallback = base.fallbacks[index]!;
  const root = ['services', base.name];
  return {
    ctx,
    service: fallback.service,
    findings: [],
    at: (key, ...rest) => (fallback.changes.includes(key) ? [...root, 'fallbacks', index, 'set', key, ...rest] : [...root, key, ...rest]),
  };
}

/** Records a W103 (and a header line) for a key of the scope's service. */
export function warn(scope: Scope, message: string, path: SpecPath, note?: string): void {
  scope.findings.push(warning(message, path, note));
}

/** Services that another waits for with `completed`: they run to an end, as Jobs. */
export function runsToCompletion(model: Model, name: string): boolean {
  return model.services.some((s) => s.dependsOn.some((d) => d.name === name && d.condition === 'completed'));
}
