import { code, type ServiceContext } from './context.js';
import { dropSetting, setNative } from './native.js';

const conditions: Record<string, string> = {
  service_started: 'started',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed',
};

/**
 * `depends_on` → a map of conditions. The list form becomes `started` for each, written out: that is
 * what Compose means by it, where orchgen's own list form waits for health checks.
 */
export function convertDependsOn(ctx: ServiceContext, value: unknown, optional: ReadonlySet<string>): void {
  const entries = Array.isArray(value) ? value.map((name): [unknown, unknown] => [name, undefined]) : typeof value === 'object' && value !== null ? Object.entries(value) : undefined;
  if (!entries) return dropSetting(ctx, ['depends_on'], value, 'not a list or a map');
  const out: Record<string, unknown> = {};
  const kept = new Map<string, { sources: string[]; at: Array<string | number> }>();
  entries.forEach(([source, spec], i) => {
    const at = Array.isArray(value) ? ['depends_on', i] : ['depends_on', String(source)];
    const name = typeof source === 'string' ? ctx.names.get(source) : undefined;
    if (name === undefined) return dropSetting(ctx, at, source, `no service ${code(String(source))} in the Compose file`);
    const long = (spec ?? {}) as Record<string, unknown>;
    const condition = long.condition === undefined ? 'started' : conditions[String(long.condition)];
    if (condition === undefined) return dropSetting(ctx, [...at, 'condition'], long.condition, 'not a condition Compose knows');
    // orchgen's default for a dependency on an optional service is `required: false`; Compose's is true.
    if (long.required === false) out[name] = { condition, required: false };
    else out[name] = optional.has(String(source)) ? { condition, required: true } : condition;
    for (const key of Object.keys(long).filter((k) => k !== 'condition' && k !== 'required')) {
      setNative(ctx, ['depends_on', name, key], long[key]);
      const same = kept.get(key) ?? { sources: [], at: [...at, key] };
      same.sources.push(String(source));
      kept.set(key, same);
    }
  });
  if (Object.keys(out).length > 0) ctx.out.depends_on = out;
  warnKept(ctx, kept);
}

/** One warning per key kept under native.compose.depends_on, naming every dependency that sets it. */
function warnKept(ctx: ServiceContext, kept: ReadonlyMap<string, { sources: string[]; at: Array<string | number> }>): void {
  for (const [key, { sources, at }] of kept) {
    ctx.warn('W201', `depends_on ${sources.map(code).join(', ')} ${code(key)} of ${code(ctx.source)} has no place in orchgen's spec; kept under native.compose.depends_on`, at);
    ctx.note(['native'], 'Compose settings orchgen has no place for: only the Compose build uses them.');
  }
}
