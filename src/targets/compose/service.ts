import { formatDuration } from '../../model/duration.js';
import type { Command, Service } from '../../model/types.js';
import { deviceText } from '../../model/devices.js';
import { dependsOn } from './depends.js';
import { deploy } from './deploy.js';
import { literal } from './escape.js';
import { healthcheck } from './health.js';
import { deepMerge } from './merge.js';
import { nativeWithPaths } from './native-paths.js';
import { fromSpecFolder, portText, volumeText } from './mounts.js';
import { containerOptions } from './options.js';
import { restartPolicy } from './restart.js';
import { commandWords } from '../shared/container/entrypoint.js';
import type { YamlMap } from '../shared/yaml.js';

export interface ComposeContext {
  /** The spec's folder, relative to the Compose file's folder. */
  sourceDir: string;
  networkMode?: string;
  /** The services in the Compose file, which depends_on may name. */
  present: ReadonlySet<string>;
}

/** One Compose service, keys in a fixed order, with `native.compose` merged in last. */
export function composeService(service: Service, context: ComposeContext): YamlMap {
  const networkMode = networkModeOf(service, context);
  const hostNetwork = networkMode === 'host';
  const out: YamlMap = { image: literal(service.image ?? '') };
  if (service.entrypoint) out.entrypoint = commandList(service.entrypoint);
  if (service.command) out.command = commandList(service.command);
  if (service.workdir !== undefined) out.working_dir = literal(service.workdir);
  if (service.user !== undefined) out.user = literal(service.user);
  const environment = environmentOf(service);
  if (Object.keys(environment).length > 0) out.environment = environment;
  if (service.envFiles.length > 0) out.env_file = service.envFiles.map((f) => literal(fromSpecFolder(f, context.sourceDir)));
  if (service.ports.length > 0 && !hostNetwork) out.ports = service.ports.map(portText);
  if (service.volumes.length > 0) out.volumes = service.volumes.map((v) => literal(volumeText(v, context.sourceDir)));
  if (service.devices.length > 0) out.devices = service.devices.map((d) => literal(deviceText(d)));
  Object.assign(out, containerOptions(service));
  const ownMode = service.network ?? context.networkMode;
  if (ownMode !== undefined) out.network_mode = literal(ownMode);
  const depends = dependsOn(service, context.present);
  if (depends) out.depends_on = depends;
  if (service.health) out.healthcheck = healthcheck(service.health, service.ports, hostNetwork);
  out.restart = restartPolicy(service);
  out.stop_signal = service.stop.signal;
  out.stop_grace_period = formatDuration(service.stop.timeoutMs);
  const resources = deploy(service);
  if (resources) out.deploy = resources;
  return deepMerge(out, nativeWithPaths(service.native.compose, context.sourceDir));
}

/** The network mode the service ends up with: `native.compose`, then the service's `network`, then the target setting. */
export function networkModeOf(service: Service, context: Pick<ComposeContext, 'networkMode'>): string | undefined {
  const native = service.native.compose?.network_mode;
  return typeof native === 'string' ? native : (service.network ?? context.networkMode);
}

/** Exec form as it is; shell form through /bin/sh -c, so the image's entrypoint shell does not matter. */
export function commandList(command: Command): string[] {
  return commandWords(command).map(literal);
}

/**
 * `env` values as literals; secrets and `env_required` keys come from the environment Compose runs
 * in, or it refuses to start. An `env_optional` key has no value (`KEY: null`, the mapping form of
 * `- KEY`): Compose passes it on from its environment when set there, and leaves it out otherwise.
 */
function environmentOf(service: Service): YamlMap {
  const out: YamlMap = {};
  for (const [key, value] of service.env) out[key] = literal(value);
  for (const { key, from } of service.secrets) out[key] = `\${${from}?secret ${key} of service ${service.name} is read from ${from}: set it}`;
  for (const key of service.envRequired) out[key] = `\${${key}?${key} must be set (env_required of ${service.name})}`;
  for (const key of service.envOptional) out[key] = null;
  return out;
}
