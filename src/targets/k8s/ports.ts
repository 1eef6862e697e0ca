import type { Port } from '../../model/types.js';
import { serviceLabels, selectorLabels } from './names.js';
import { warn, type Scope } from './scope.js';
import type { YamlMap } from '../shared/yaml.js';

const protocols = { tcp: 'TCP', udp: 'UDP' } as const;

/** Each container port once, in order of first use. */
export function containerPortsOf(ports: readonly Port[]): YamlMap[] {
  const seen = new Set<string>();
  return ports.flatMap((port) => {
    const key = `${port.container}/${port.protocol}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ containerPort: port.container, protocol: protocols[port.protocol] }];
  });
}

/** A ClusterIP Service that answers on the published (host) ports and forwards to the container's. */
export function serviceObjectOf(scope: Scope): YamlMap | undefined {
  const { service, ctx } = scope;
  if (service.ports.length === 0) return undefined;
  service.ports.forEach((port, index) => {
    if (port.hostIp === undefined) return;
    warn(
      scope,
      `cannot bind port ${port.host} of \`${service.name}\` to the address ${port.hostIp} (\`ports\`): its Service answers on the cluster's network`,
      scope.at('ports', index),
      `${service.name}: port ${port.host} is not bound to ${port.hostIp}; the Service is reachable inside the cluster only.`,
    );
  });
  const names = new Set<string>();
  const ports = service.ports.flatMap((port) => {
    const name = `${port.protocol}-${port.host}`;
    if (names.has(name)) return [];
    names.add(name);
    return [{ name, port: port.host, targetPort: port.container, protocol: protocols[port.protocol] }];
  });
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: service.name, labels: serviceLabels(ctx.model.project, service.name) },
    spec: { type: 'ClusterIP', selector: selectorLabels(ctx.model.project, service.name), ports },
  };
}
