import { parse } from 'yaml';
import type { Path } from '../document.js';
import { code } from './context.js';
import { environmentEntries } from './env.js';
import { isRecord } from './records.js';

/** The text of a file named relative to the Compose file's folder; undefined when it cannot be read. */
export type ReadBeside = (path: string) => string | undefined;

export interface ExtendsError {
  path: Path;
  message: string;
}

/** Lists Compose adds to rather than replaces when a service extends another. */
const appended = new Set(['ports', 'expose', 'external_links', 'dns', 'dns_search', 'tmpfs', 'cap_add', 'cap_drop', 'devices', 'volumes', 'security_opt', 'env_file', 'group_add', 'device_cgroup_rules']);
/** Settings a service never takes from the one it extends. */
const replaced = new Set(['command', 'entrypoint', 'test']);
const maxDepth = 10;

/**
 * Every `extends` resolved as Compose does: the base service (in this file, or in `file` beside it)
 * first, the service's own settings over it; maps merge, the lists Compose appends are appended.
 * `from` names, for each service that extended another, where its settings came from.
 */
export function resolveExtends(
  services: Record<string, unknown>,
  read: ReadBeside | undefined,
  fill: (text: string, at: Path) => string | undefined = (text) => text,
): { services: Record<string, unknown>; errors: ExtendsError[]; from: Map<string, string> } {
  const errors: ExtendsError[] = [];
  const from = new Map<string, string>();
  const files = new Map<string, Record<string, unknown> | undefined>();
  const servicesOf = (file: string | undefined): Record<string, unknown> | undefined => {
    if (file === undefined) return services;
    if (!files.has(file)) {
      const text = read?.(file);
      const data = text === undefined ? undefined : (parse(text, { merge: true, maxAliasCount: -1 }) as unknown);
      files.set(file, isRecord(data) && isRecord(data.services) ? data.services : undefined);
    }
    return files.get(file);
  };
  const resolve = (service: Record<string, unknown>, file: string | undefined, path: Path, depth: number): Record<string, unknown> => {
    const ref = service.extends;
    if (ref === undefined) return service;
    const { extends: _extends, ...own } = service;
    const target = filledTarget(ref, [...path, 'extends'], fill);
    const baseFile = typeof target.file === 'string' ? target.file : file;
    const inFile = servicesOf(baseFile);
    const found = typeof target.service === 'string' ? inFile?.[target.service] : undefined;
    const base = found === null ? {} : found;
    const where = `${code(String(target.service))}${baseFile === undefined ? '' : ` in ${code(baseFile)}`}`;
    if (!isRecord(base) || depth >= maxDepth) {
      const why = depth >= maxDepth ? `extends more than ${maxDepth} services deep (a loop?)` : inFile === undefined ? 'the file cannot be read or has no services' : 'there is no such service';
      errors.push({ path: [...path, 'extends'], message: `extends ${where}: ${why}; Compose refuses the file, so does the import` });
      return own;
    }
    from.set(String(path[1]), where);
    return merge(resolve(base, baseFile, path, depth + 1), own);
  };
  const out: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(services)) out[name] = isRecord(service) ? resolve(service, undefined, ['services', name], 0) : service;
  return { services: out, errors, from };
}

/** `extends` as `{service, file}`, its values interpolated as Compose does before it reads them. */
function filledTarget(ref: unknown, at: Path, fill: (text: string, at: Path) => string | undefined): Record<string, unknown> {
  const target: Record<string, unknown> = typeof ref === 'string' ? { service: ref } : isRecord(ref) ? { ...ref } : {};
  for (const key of ['service', 'file']) {
    const value = target[key];
    if (typeof value === 'string') target[key] = fill(value, typeof ref === 'string' ? at : [...at, key]) ?? value;
  }
  return target;
}

function merge(base: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(own)) {
    const before = out[key];
    if (key === 'environment') out[key] = { ...asMap(before), ...asMap(value) };
    else if (appended.has(key) && Array.isArray(before) && Array.isArray(value)) out[key] = [...before, ...value.filter((v) => !before.some((b) => JSON.stringify(b) === JSON.stringify(v)))];
    else if (!replaced.has(key) && isRecord(before) && isRecord(value)) out[key] = merge(before, value);
    else out[key] = value;
  }
  return out;
}

/** `environment` in either form as a map (null for a key without a value). */
function asMap(value: unknown): Record<string, string | null> {
  return Object.fromEntries((environmentEntries(value) ?? []).map(([key, text]) => [key, text]));
}
