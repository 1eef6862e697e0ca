import { createServer } from 'node:net';
import type { Port, Service } from '../model/types.js';

/** Whether this host can listen on `host:port` now. */
export function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: host.replace(/^\[|\]$/g, ''), port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The service's TCP host ports that something else holds now. */
export async function takenPorts(service: Service): Promise<Port[]> {
  const taken: Port[] = [];
  for (const port of service.ports) {
    if (port.protocol === 'tcp' && !(await canListen(port.hostIp ?? '0.0.0.0', port.host))) taken.push(port);
  }
  return taken;
}

/** `port 8080 is taken`, with the address when the mapping names one. */
export function takenText(port: Port): string {
  return `port ${port.host} is taken${port.hostIp ? ` on ${port.hostIp}` : ''}`;
}
