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
  const uses: V2Use[] = [];
  for (const pattern of v2OnlyPatterns) addMatches(service, pattern, 0, [], uses);
  addTagged(service, [], uses);
  return uses;
}

// `path` is the way down to `value`, grown and shrunk in place: a service's tree is walked once per
// service and pattern, and copies of it are made only for what is found

function addMatches(value: unknown, pattern: readonly string[], at: number, path: string[], uses: V2Use[]): void {
  const head = pattern[at];
  if (head === undefined) {
    uses.push({ path: [...path], text: path.join('.') });
    return;
  }
  const below = (key: string, child: unknown) => {
    path.push(key);
    addMatches(child, pattern, at + 1, path, uses);
    path.pop();
  };
  if (head === '[]') {
    if (Array.isArray(value)) value.forEach((item, i) => below(String(i), item));
  } else if (isMap(value)) {
    if (head !== '*') {
      if (Object.hasOwn(value, head)) below(head, value[head]);
    } else for (const key of Object.keys(value)) below(key, value[key]);
  }
}

/** `!override` and `!reset` are Compose v2's. */
function addTagged(value: unknown, path: string[], uses: V2Use[]): void {
  if (value instanceof Tagged) {
    uses.push({ path: [...path], text: `${path.join('.')} (${value.tag})` });
    return;
  }
  const below = (key: string, child: unknown) => {
    path.push(key);
    addTagged(child, path, uses);
    path.pop();
  };
  if (Array.isArray(value)) value.forEach((item, i) => below(String(i), item));
  else if (isMap(value)) for (const key of Object.keys(value)) below(key, value[key]);
}

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Tagged);
}
