import { envFromOf, envOf } from './env.js';
import { literal } from './escape.js';
import { probesOf } from './health.js';
import { containerPortsOf } from './ports.js';
import { resourcesOf } from './resources.js';
import { warn, type Scope } from './scope.js';
import { lifecycleOf } from './stop.js';
import type { PodVolumes } from './volumes.js';
import type { YamlMap } from '../shared/yaml.js';

/** The service's container, named after it; keys in a fixed order. */
export function mainContainerOf(scope: Scope, volumes: PodVolumes): YamlMap {
  const { service } = scope;
  const out: YamlMap = { name: service.name, image: service.image ?? '' };
  Object.assign(out, commandOf(scope));
  if (service.workdir !== undefined) out.workingDir = service.workdir;
  const env = envOf(scope);
  if (env.length > 0) out.env = env;
  const envFrom = envFromOf(scope);
  if (envFrom.length > 0) out.envFrom = envFrom;
  const ports = containerPortsOf(service.ports);
  if (ports.length > 0) out.ports = ports;
  if (volumes.mounts.length > 0) out.volumeMounts = volumes.mounts;
  const resources = resourcesOf(scope);
  if (resources) out.resources = resources;
  Object.assign(out, probesOf(scope));
  const lifecycle = lifecycleOf(scope);
  if (lifecycle) out.lifecycle = lifecycle;
  const securityContext = securityContextOf(scope);
  if (securityContext) out.securityContext = securityContext;
  return out;
}

/** Exec form replaces the image's CMD and keeps its entrypoint (`args`); shell form runs /bin/sh -c. */
function commandOf(scope: Scope): YamlMap {
  const command = scope.service.command;
  if (!command) return {};
  return command.kind === 'exec' ? { args: command.argv.map(literal) } : { command: ['/bin/sh', '-c', literal(command.script)] };
}

function securityContextOf(scope: Scope): YamlMap | undefined {
  const { user, name } = scope.service;
  if (user === undefined) return undefined;
  if (/^[0-9]+$/.test(user)) return { runAsUser: Number(user) };
  warn(scope, `cannot run \`${name}\` as the user \`${user}\` (\`user\`): a pod takes a numeric user id`, scope.at('user'), `${name}: runs as the image's user, not ${user} (give a numeric id to set runAsUser).`);
  return undefined;
}
