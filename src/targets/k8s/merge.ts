import { isMap, type YamlMap, type YamlValue } from '../shared/yaml.js';

/**
 * `native.k8s` over the generated pod spec: maps merge key by key, lists of named items (containers,
 * volumes, env) merge item by item by `name`, anything else replaces. Keys keep their first position.
 */
export function deepMerge(base: YamlMap, extra: Record<string, unknown>): YamlMap {
  const out: YamlMap = { ...base };
  for (const [key, value] of Object.entries(extra)) out[key] = mergeValue(out[key], value as YamlValue);
  return out;
}

function mergeValue(current: YamlValue | undefined, value: YamlValue): YamlValue {
  if (isMap(current) && isMap(value)) return deepMerge(current, value);
  if (Array.isArray(current) && Array.isArray(value) && isNamedList(current) && isNamedList(value)) return mergeNamed(current, value);
  return value;
}

function isNamedList(list: YamlValue[]): list is YamlMap[] {
  return list.every((item) => isMap(item) && typeof item.name === 'string');
}

function mergeNamed(base: YamlMap[], extra: YamlMap[]): YamlMap[] {
  const out = [...base];
  for (const item of extra) {
    const at = out.findIndex((b) => b.name === item.name);
    if (at >= 0) out[at] = deepMerge(out[at]!, item);
    else out.push(item);
  }
  return out;
}
