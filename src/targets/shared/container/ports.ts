import type { Port, Service } from '../../../model/types.js';

/** `-p [IP:]HOST:CONTAINER[/udp]` for each port; none with the host's network, whose ports are the host's (the engine ignores -p). */
export function publishArgs(service: Service): string[] {
  if (service.network === 'host') return [];
  return service.ports.flatMap((port) => ['-p', publishFlag(port)]);
}

function publishFlag(port: Port): string {
  const host = port.hostIp === undefined ? `${port.host}` : `${port.hostIp}:${port.host}`;
  return `${host}:${port.container}${port.protocol === 'udp' ? '/udp' : ''}`;
}
