import type { YamlMap } from '../shared/yaml.js';

function isPlainMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Maps merge key by key; anything else in `extra` replaces what `base` has. Keys keep their first position. */
export function deepMerge(base: YamlMap, extra: YamlMap): YamlMap {
  const out: YamlMap = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = isPlainMap(current) && isPlainMap(value) ? deepMerge(current, value) : value;
  }
  return out;
}
