import type { Service } from '../../model/types.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { Finding } from '../shared/finding.js';
import { portText } from './mounts.js';

/** With the host's network the container's ports are the host's: a mapping to another port or address cannot apply. */
export function hostNetworkFindings(service: Service): Finding[] {
  return service.ports.flatMap((port, index) => {
    if (port.host === port.container && port.hostIp === undefined) return [];
    const text = portText(port);
    return [
      {
        diagnostic: diagnostic('W103', `compose cannot publish port \`${text}\` of \`${service.name}\` with network_mode host: it listens on the host's port ${port.container}`, {
          path: ['services', service.name, 'ports', index],
        }),
        note: `${service.name}: port ${text} is not mapped (network_mode host); the service listens on port ${port.container}.`,
      },
    ];
  });
}
