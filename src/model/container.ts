import type { RawService } from '../spec/raw.js';
import type { Command, ExtraHost, Logging, Service } from './types.js';

/** The container-only keys of a service as the model holds them: entrypoint, capabilities, hosts, init, logging. */
export type ContainerKeys = Pick<Service, 'entrypoint' | 'capAdd' | 'capDrop' | 'extraHosts' | 'init' | 'logging'>;

export function containerKeys(raw: RawService, normalizeCommand: (command: string | string[]) => Command): ContainerKeys {
  const keys: ContainerKeys = { capAdd: [...(raw.cap_add ?? [])], capDrop: [...(raw.cap_drop ?? [])], extraHosts: extraHosts(raw.extra_hosts) };
  if (raw.entrypoint !== undefined) keys.entrypoint = normalizeCommand(raw.entrypoint);
  if (raw.init !== undefined) keys.init = raw.init;
  if (raw.logging !== undefined) keys.logging = logging(raw.logging);
  return keys;
}

/** A map in declaration order, or `HOST:IP` lines split at the first colon (a host name has none; an IPv6 address does). */
function extraHosts(raw: RawService['extra_hosts']): ExtraHost[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return Object.entries(raw).map(([host, ip]) => ({ host, ip, at: host }));
  return raw.map((line, index) => {
    const colon = line.indexOf(':');
    return { host: line.slice(0, colon), ip: line.slice(colon + 1), at: index };
  });
}

function logging(raw: NonNullable<RawService['logging']>): Logging {
  const out: Logging = { options: Object.entries(raw.options ?? {}) };
  if (raw.driver !== undefined) out.driver = raw.driver;
  return out;
}
