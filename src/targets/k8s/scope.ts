import type { Service } from '../../model/types.js';
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { K8sContext } from './context.js';
import type { Cause } from '../shared/finding.js';
import { warning, type Finding } from './finding.js';

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
export function warn(scope: Scope, message: string, path: SpecPath, note?: string, cause?: Cause): void {
  scope.findings.push(warning(message, path, note, cause));
}
