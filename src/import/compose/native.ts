import { stringify } from 'yaml';
import type { Path } from '../document.js';
import { code, type ServiceContext } from './context.js';

/** A Compose setting orchgen's spec has no place for: passed to the Compose build as it is. */
export function keepNative(ctx: ServiceContext, key: string, value: unknown, why = 'orchgen has no such setting'): void {
  ctx.native[key] = value;
  ctx.warn('W201', `${code(key)} of ${code(ctx.source)}: ${why}; kept under native.compose (only the Compose build has it)`, [key]);
  ctx.note(['native'], 'Compose settings orchgen has no place for: only the Compose build uses them.');
}

/** A Compose setting nothing can carry: a warning, and the setting as a comment above the service. */
export function dropSetting(ctx: ServiceContext, key: Path, value: unknown, why: string): void {
  const name = key.join('.');
  ctx.warn('W205', `${code(name)} of ${code(ctx.source)} dropped: ${why}`, key);
  ctx.note([], `dropped ${name}: ${inlineYaml(value)} (${why})`);
}

/** A value on one line, as a reader would write it. */
export function inlineYaml(value: unknown): string {
  const text = stringify(value, { collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: false }).trim();
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** Sets `value` at `path` under `native`, creating maps on the way. */
export function setNative(ctx: ServiceContext, path: readonly string[], value: unknown): void {
  let map = ctx.native;
  for (const segment of path.slice(0, -1)) {
    const next = map[segment];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) map[segment] = {};
    map = map[segment] as Record<string, unknown>;
  }
  map[path[path.length - 1]!] = value;
}
