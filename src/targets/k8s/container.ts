import { capabilitiesOf, unsaidContainerKeys } from './container-keys.js';
import { envFromOf, envOf } from './env.js';
import { literal } from './escape.js';
import { probesOf } from './health.js';
import { containerPortsOf } from './ports.js';
import { resourcesOf } from './resources.js';
import { warn, type Scope } from './scope.js';
import { lifecycleOf } from './stop.js';
import type { PodVolumes } from './volumes.js';
import { commandWords } from '../shared/container/entrypoint.js';
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
  unsaidContainerKeys(scope);
  return out;
}

/**
 * As the engine joins them: `entrypoint` replaces the image's ENTRYPOINT and with it its CMD
 * (`command`); the service's `command` replaces the CMD (`args`) and keeps the entrypoint, in shell
 * form as /bin/sh -c SCRIPT, the words `docker run IMAGE` is given.
 */
function commandOf(scope: Scope): YamlMap {
  const { entrypoint, command } = scope.service;
  const out: YamlMap = {};
  if (entrypoint) out.command = commandWords(entrypoint).map(literal);
  if (command) out.args = commandWords(command).map(literal);
  return out;
}

function securityContextOf(scope: Scope): YamlMap | undefined {
  const out: YamlMap = { ...runAsOf(scope) };
  const capabilities = capabilitiesOf(scope);
  if (capabilities) out.capabilities = capabilities;
  return Object.keys(out).length > 0 ? out : undefined;
}

function runAsOf(scope: Scope): YamlMap {
  const { user, name } = scope.service;
  if (user === undefined) return {};
  if (/^[0-9]+$/.test(user)) return { runAsUser: Number(user) };
  warn(scope, `cannot run \`${name}\` as the user \`${user}\` (\`user\`): a pod takes a numeric user id`, scope.at('user'), `${name}: runs as the image's user, not ${user} (give a numeric id to set runAsUser).`);
  return {};
}
