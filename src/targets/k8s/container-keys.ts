import { warn, type Scope } from './scope.js';
import type { YamlMap } from '../shared/yaml.js';

/** `extra_hosts` as the pod's hostAliases, one entry per IP (in the order each IP first appears); host-gateway has no pod equivalent (W103). */
export function hostAliasesOf(scope: Scope): YamlMap {
  const byIp = new Map<string, string[]>();
  for (const { host, ip, at } of scope.service.extraHosts) {
    if (ip === 'host-gateway') {
      gatewayWarning(scope, host, at);
      continue;
    }
    const hostnames = byIp.get(ip) ?? [];
    if (!hostnames.includes(host)) hostnames.push(host);
    byIp.set(ip, hostnames);
  }
  if (byIp.size === 0) return {};
  return { hostAliases: [...byIp].map(([ip, hostnames]) => ({ ip, hostnames })) };
}

function gatewayWarning(scope: Scope, host: string, at: string | number): void {
  const name = scope.service.name;
  warn(scope, `cannot point \`${host}\` of \`${name}\` at host-gateway (\`extra_hosts\`): a pod has no address for its node's host`, scope.at('extra_hosts', at), `${name}: ${host} is not in /etc/hosts (host-gateway has no pod equivalent; use the node's IP or a Service).`);
}

/** `cap_add` and `cap_drop` as the container's securityContext.capabilities. */
export function capabilitiesOf(scope: Scope): YamlMap | undefined {
  const { capAdd, capDrop } = scope.service;
  if (capAdd.length === 0 && capDrop.length === 0) return undefined;
  const out: YamlMap = {};
  if (capAdd.length > 0) out.add = [...capAdd];
  if (capDrop.length > 0) out.drop = [...capDrop];
  return out;
}

/** `init: true` and `logging` have no place in a pod: each is a W103 and a header line. */
export function unsaidContainerKeys(scope: Scope): void {
  const { name, init, logging } = scope.service;
  if (init === true) {
    warn(scope, `runs \`${name}\`'s command as PID 1 (\`init\`): a pod's container has no engine init to reap zombies and forward signals`, scope.at('init'), `${name}: the command runs as PID 1 without an init (init: true has no pod equivalent; bake tini into the image).`);
  }
  if (logging !== undefined) {
    warn(scope, `leaves \`${name}\`'s output to the node's container runtime (\`logging\`): a pod names no log driver or options`, scope.at('logging'), `${name}: logs go where the node's runtime puts them; the log driver and options are not carried.`);
  }
}
