import { isDeepStrictEqual } from 'node:util';
import { volumeTarget } from './mounts.js';
import { Tagged, type YamlMap } from '../shared/yaml.js';

/** Keys Compose replaces rather than merges when a second file sets them. */
const replacedKeys = new Set(['command', 'entrypoint', 'test']);

/**
 * The override that turns `base` into `variant` when applied with a second `-f`: maps merge key by
 * key, ports merge as a set, volumes by mount point, command and healthcheck.test are replaced.
 * Anything else (a list that must shrink or change, a key that must go) takes Compose v2's
 * `!override` / `!reset`.
 */
export function overrideOf(base: YamlMap, variant: YamlMap): YamlMap {
  return diffMap(base, variant, true);
}

function diffMap(base: YamlMap, variant: YamlMap, service: boolean): YamlMap {
  const out: YamlMap = {};
  for (const [key, value] of Object.entries(variant)) {
    const before = base[key];
    if (!(key in base)) out[key] = value;
    else if (isDeepStrictEqual(before, value)) continue;
    else if (replacedKeys.has(key) || !isCollection(before) || !isCollection(value)) out[key] = value;
    else if (isMap(before) && isMap(value)) out[key] = diffMap(before, value, false);
    else if (service && Array.isArray(before) && Array.isArray(value)) out[key] = listChange(key, before, value);
    else out[key] = new Tagged('!override', value);
  }
  for (const key of Object.keys(base)) if (!(key in variant)) out[key] = new Tagged('!reset', null);
  return out;
}

function listChange(key: string, before: unknown[], after: unknown[]): unknown {
  if (key === 'ports' && before.every((item) => after.some((a) => isDeepStrictEqual(a, item)))) {
    return after.filter((item) => !before.some((b) => isDeepStrictEqual(b, item)));
  }
  if (key === 'volumes' && before.every((item) => typeof item === 'string') && after.every((item) => typeof item === 'string')) {
    const targets = new Set((after as string[]).map(volumeTarget));
    if ((before as string[]).every((item) => targets.has(volumeTarget(item)))) return after.filter((item) => !before.includes(item));
  }
  return new Tagged('!override', after);
}

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Tagged);
}

function isCollection(value: unknown): boolean {
  return Array.isArray(value) || isMap(value);
}
