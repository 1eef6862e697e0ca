import { warn, type Scope } from './scope.js';
import type { YamlMap } from '../shared/yaml.js';

/**
 * `network: host` puts the pod on its node's network; ClusterFirstWithHostNet keeps the
 * Services' names resolvable there. A pod always has a network, so `none` cannot be said.
 */
export function networkOf(scope: Scope): YamlMap {
  const { network, name } = scope.service;
  if (network === 'host') return { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' };
  if (network === 'none') warn(scope, `cannot take the network away from \`${name}\` (\`network: none\`): every pod has one`, scope.at('network'), `${name}: has the pod network (a pod cannot be without one).`);
  return {};
}
