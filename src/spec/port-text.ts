/** A port mapping as the spec writes it, taken apart. */
export interface PortMapping {
  hostIp?: string;
  host: number;
  container: number;
  protocol: 'tcp' | 'udp';
}

/** "[IP:]HOST:CONTAINER[/tcp|udp]", already checked by the schema. */
export function parsePort(text: string): PortMapping {
  const [mapping, protocol = 'tcp'] = text.split('/') as [string, string?];
  const lastColon = mapping.lastIndexOf(':');
  const container = Number(mapping.slice(lastColon + 1));
  const rest = mapping.slice(0, lastColon);
  const hostColon = rest.lastIndexOf(':');
  const host = Number(rest.slice(hostColon + 1));
  const port: PortMapping = { host, container, protocol: protocol as PortMapping['protocol'] };
  if (hostColon >= 0) port.hostIp = rest.slice(0, hostColon);
  return port;
}
