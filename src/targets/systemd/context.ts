import type { Model, Service } from '../../model/types.js';
import { diagnostic, type SpecPath } from '../../diagnostics/diagnostic.js';
import type { Cause, Finding } from '../shared/finding.js';

/** Everything one unit is built from: the service as it runs (the normal one or a fallback variant). */
export interface UnitContext {
  model: Model;
  service: Service;
  /** Some other service waits for this one to complete: it runs as Type=oneshot. */
  oneshot: boolean;
  /** Facts about the whole stack, gathered once for every unit. */
  stack: StackFacts;
  /** Set when `service` is a fallback variant of `base`. */
  fallback?: { index: number; name: string; base: Service };
  /** What the units cannot say, shared by every unit of the stack. */
  findings: Finding[];
  /** Header lines: what the unit cannot say natively. */
  notes: string[];
}

export interface StackFacts {
  /** Services some other service waits to complete. */
  awaitedToComplete: ReadonlySet<string>;
  /** Services with a health check. */
  healthChecked: ReadonlySet<string>;
  /** The unit that pulls each image the stack runs. */
  pullUnits: ReadonlyMap<string, string>;
  /** The unit that holds the project network, when some container joins it. */
  networkUnit?: string;
}

/** `service "api"` or `service "api" (fallback "cpu")`, for messages. */
export function serviceLabel(ctx: UnitContext): string {
  const name = `service "${ctx.service.name}"`;
  return ctx.fallback ? `${name} (fallback "${ctx.fallback.name}")` : name;
}

/** Where a service key is written: in the fallback's `set` when the variant changed it, else in the service. */
export function specPath(ctx: UnitContext, key: string, ...rest: Array<string | number>): SpecPath {
  const service = ['services', ctx.service.name];
  if (!ctx.fallback || !changedByFallback(ctx, key, rest)) return [...service, key, ...rest];
  return [...service, 'fallbacks', ctx.fallback.index, 'set', key, ...rest];
}

function changedByFallback(ctx: UnitContext, key: string, rest: Array<string | number>): boolean {
  const { base } = ctx.fallback!;
  if (key === 'env' && typeof rest[0] === 'string') {
    const name = rest[0];
    const own = (s: Service) => s.env.find(([k]) => k === name)?.[1];
    return own(ctx.service) !== own(base);
  }
  const variant = ctx.service as unknown as Record<string, unknown>;
  const original = base as unknown as Record<string, unknown>;
  const field = modelField[key] ?? key;
  return JSON.stringify(variant[field]) !== JSON.stringify(original[field]);
}

/** Spec keys whose model field has another name. */
const modelField: Record<string, string> = { env_file: 'envFiles', env_required: 'envRequired', env_optional: 'envOptional', depends_on: 'dependsOn' };

/** E301: a value systemd cannot carry exactly. */
export function refuse(ctx: UnitContext, what: string, reason: string, path: SpecPath, hint?: string): void {
  const message = `systemd cannot carry ${what} of ${labelAt(ctx, path)} exactly: ${reason}`;
  ctx.findings.push({ diagnostic: diagnostic('E301', message, hint ? { path, hint } : { path }) });
}

/** W103: a setting systemd cannot express natively. */
export function warn(ctx: UnitContext, message: string, path: SpecPath, cause?: Cause): void {
  ctx.findings.push({ diagnostic: diagnostic('W103', `${labelAt(ctx, path)}: ${message}`, { path }), ...(cause ? { cause } : {}) });
}

/** A value a fallback leaves alone belongs to the service: it is then reported once, for the service. */
function labelAt(ctx: UnitContext, path: SpecPath): string {
  return path.includes('fallbacks') ? serviceLabel(ctx) : `service "${ctx.service.name}"`;
}
