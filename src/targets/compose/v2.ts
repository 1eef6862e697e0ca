import { Tagged, type YamlMap } from '../shared/yaml.js';

/**
 * Service keys of the Compose Specification that docker-compose 1.29 (Compose v1) rejects, found by
 * comparing its bundled schema with the current one. `*` is any map key, `[]` any list item.
 */
const v2OnlyPatterns = [
  'annotations', 'attach', 'cgroup', 'develop', 'gpus', 'label_file', 'models', 'post_start', 'pre_stop', 'provider', 'pull_refresh_after', 'use_api_socket', 'uts',
  'deploy.resources.limits.pids', 'healthcheck.start_interval', 'depends_on.*.required', 'depends_on.*.restart',
  'build.additional_contexts', 'build.cache_to', 'build.dockerfile_inline', 'build.entitlements', 'build.no_cache', 'build.platforms', 'build.privileged',
  'build.provenance', 'build.pull', 'build.sbom', 'build.secrets', 'build.ssh', 'build.tags', 'build.ulimits',
  'networks.*.driver_opts', 'networks.*.gw_priority', 'networks.*.interface_name', 'networks.*.mac_address',
  'ports.[].app_protocol', 'ports.[].host_ip', 'ports.[].name',
  'volumes.[].bind.create_host_path', 'volumes.[].bind.recursive', 'volumes.[].bind.selinux', 'volumes.[].image', 'volumes.[].tmpfs.mode', 'volumes.[].volume.labels', 'volumes.[].volume.subpath',
].map((p) => p.split('.'));

export interface V2Use {
  /** Keys under the service. */
  path: string[];
  /** `depends_on.db.required`, `deploy.resources (!override)` */
  text: string;
}

/** Where a Compose service uses what only Compose v2 reads: newer keys, and YAML tags. */
export function v2Uses(service: YamlMap): V2Use[] {
  const keys = v2OnlyPatterns.flatMap((pattern) => matches(service, pattern, []));
  return [...keys.map((path) => ({ path, text: path.join('.') })), ...taggedPaths(service, [])];
}

function matches(value: unknown, pattern: readonly string[], path: string[]): string[][] {
  const [head, ...rest] = pattern;
  if (head === undefined) return [path];
  if (head === '[]') return Array.isArray(value) ? value.flatMap((item, i) => matches(item, rest, [...path, String(i)])) : [];
  if (!isMap(value)) return [];
  const keys = head === '*' ? Object.keys(value) : Object.hasOwn(value, head) ? [head] : [];
  return keys.flatMap((k) => matches(value[k], rest, [...path, k]));
}

/** `!override` and `!reset` are Compose v2's. */
function taggedPaths(value: unknown, path: string[]): V2Use[] {
  if (value instanceof Tagged) return [{ path, text: `${path.join('.')} (${value.tag})` }];
  if (Array.isArray(value)) return value.flatMap((item, i) => taggedPaths(item, [...path, String(i)]));
  if (isMap(value)) return Object.entries(value).flatMap(([k, v]) => taggedPaths(v, [...path, k]));
  return [];
}

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Tagged);
}
