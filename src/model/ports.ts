import type { Port } from './types.js';

/** "[IP:]HOST:CONTAINER[/tcp|udp]", already checked by the schema. */
export function parsePort(text: string): Port {
  const [mapping, protocol = 'tcp'] = text.split('/') as [string, string?];
  const lastColon = mapping.lastIndexOf(':');
  const container = Number(mapping.slice(lastColon + 1));
  const rest = mapping.slice(0, lastColon);
  const hostColon = rest.lastIndexOf(':');
  const host = Number(rest.slice(hostColon + 1));
  const port: Port = { host, container, protocol: protocol as Port['protocol'] };
  if (hostColon >= 0) port.hostIp = rest.slice(0, hostColon);
  return port;
}
