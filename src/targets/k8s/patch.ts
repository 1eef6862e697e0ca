import { isDeepStrictEqual } from 'node:util';
import { isMap, type YamlMap, type YamlValue } from '../shared/yaml.js';

/** One JSON Patch (RFC 6902) operation. */
export type PatchOp = { op: 'add' | 'replace'; path: string; value: YamlValue } | { op: 'remove'; path: string };

/**
 * The JSON Patch that turns `base` into `variant`, touching only what differs: maps key by key,
 * lists of named items (env, containers, volumes) item by item, other lists as a whole.
 */
export function jsonPatch(base: YamlValue, variant: YamlValue, path = ''): PatchOp[] {
  if (isDeepStrictEqual(base, variant)) return [];
  if (isMap(base) && isMap(variant)) return mapPatch(base, variant, path);
  if (Array.isArray(base) && Array.isArray(variant) && named(base) && named(variant)) {
    const ops = namedListPatch(base, variant, path);
    if (ops) return ops;
  }
  return [{ op: 'replace', path, value: variant }];
}

function mapPatch(base: YamlMap, variant: YamlMap, path: string): PatchOp[] {
  const ops: PatchOp[] = [];
  for (const key of Object.keys(base)) if (!(key in variant)) ops.push({ op: 'remove', path: `${path}/${pointerToken(key)}` });
  for (const [key, value] of Object.entries(variant)) {
    const at = `${path}/${pointerToken(key)}`;
    ops.push(...(key in base ? jsonPatch(base[key]!, value, at) : [{ op: 'add' as const, path: at, value }]));
  }
  return ops;
}

function named(list: YamlValue[]): list is YamlMap[] {
  return list.every((item) => isMap(item) && typeof item.name === 'string');
}

/** Removals (from the end), then changes in place and insertions; undefined when the items were reordered. */
function namedListPatch(base: YamlMap[], variant: YamlMap[], path: string): PatchOp[] | undefined {
  const names = new Set(variant.map((item) => item.name));
  const ops: PatchOp[] = [];
  for (let i = base.length - 1; i >= 0; i--) if (!names.has(base[i]!.name)) ops.push({ op: 'remove', path: `${path}/${i}` });
  const kept = base.filter((item) => names.has(item.name));
  let next = 0;
  variant.forEach((item, index) => {
    if (kept[next]?.name === item.name) ops.push(...jsonPatch(kept[next++]!, item, `${path}/${index}`));
    else if (!kept.some((k) => k.name === item.name)) ops.push({ op: 'add', path: `${path}/${index}`, value: item });
    else next = -1;
  });
  return next === kept.length ? ops : undefined;
}

/** A key as a JSON Pointer token: `~` is `~0`, `/` is `~1`. */
function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
