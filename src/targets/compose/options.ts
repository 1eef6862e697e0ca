import type { Service } from '../../model/types.js';
import { literal } from './escape.js';
import type { YamlMap } from '../shared/yaml.js';

/** `cap_add`, `cap_drop`, `extra_hosts` (as `HOST:IP` lines, so a name may have several), `init` and `logging`, when set. */
export function containerOptions(service: Service): YamlMap {
  const out: YamlMap = {};
  if (service.capAdd.length > 0) out.cap_add = [...service.capAdd];
  if (service.capDrop.length > 0) out.cap_drop = [...service.capDrop];
  if (service.extraHosts.length > 0) out.extra_hosts = service.extraHosts.map(({ host, ip }) => `${host}:${ip}`);
  if (service.init !== undefined) out.init = service.init;
  const { logging } = service;
  if (logging !== undefined) {
    const entry: YamlMap = {};
    if (logging.driver !== undefined) entry.driver = logging.driver;
    if (logging.options.length > 0) entry.options = Object.fromEntries(logging.options.map(([key, value]) => [key, literal(value)]));
    out.logging = entry;
  }
  return out;
}
