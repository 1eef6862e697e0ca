import type { Gpu, Port, Service, Volume } from '../../model/types.js';
import { deviceArgs } from '../shared/docker-devices.js';
import { specPath, type JsValue } from './js.js';
import { projectVolumeName } from '../shared/volume-name.js';
import { containerName } from './names.js';

/**
 * Runs `docker run ARGS...` in the background and stops the container with `docker stop` (its own stop
 * signal and timeout) when PM2 stops the app: PM2 only signals the docker CLI, which would leave the
 * container running. A container left over by a killed daemon is removed first, so the name is free.
 * A stop that comes before the container exists (during a pull) ends the CLI and removes by name
 * whatever a request still in flight creates, so no container outlives the app.
 */
export const containerWrapper =
  'name=$1; shift; docker rm -f "$name" >/dev/null 2>&1; ' +
  `trap 'trap "" HUP INT QUIT TERM; docker stop "$name" >/dev/null 2>&1 || ` +
  `{ kill $! 2>/dev/null; wait; sleep 1; docker rm -f "$name" >/dev/null 2>&1; exit 143; }' HUP INT QUIT TERM; ` +
  '"$@" & child=$!; ' +
  'while :; do wait "$child"; status=$?; kill -0 "$child" 2>/dev/null || exit "$status"; done';

/** PM2 waits this much longer than the container's stop timeout before it kills the wrapper. */
export const dockerStopMarginMs = 5_000;

/** `docker run ...`, attached, so it ends with the container's status; env values stay in the CLI's environment (`-e KEY`). */
export function dockerRunArgs(project: string, service: Service, envKeys: readonly string[]): JsValue[] {
  const args: JsValue[] = ['docker', 'run', '--rm', '--name', containerName(project, service.name)];
  if (service.network !== undefined) args.push('--network', service.network);
  if (service.user !== undefined) args.push('--user', service.user);
  if (service.workdir !== undefined) args.push('--workdir', service.workdir);
  for (const file of service.envFiles) args.push('--env-file', specPath(file));
  for (const key of [...envKeys, ...service.envRequired, ...service.envOptional]) args.push('-e', key);
  if (service.network !== 'host') for (const port of service.ports) args.push('-p', publish(port));
  for (const volume of service.volumes) args.push('-v', mount(project, volume));
  args.push(...deviceArgs(service));
  if (service.gpu) args.push('--gpus', gpus(service.gpu));
  if (service.resources.memoryBytes !== undefined) args.push('--memory', String(service.resources.memoryBytes));
  if (service.resources.cpus !== undefined) args.push('--cpus', String(service.resources.cpus));
  args.push('--stop-signal', service.stop.signal, '--stop-timeout', String(Math.ceil(service.stop.timeoutMs / 1000)));
  args.push(service.image!, ...containerCommand(service));
  return args;
}

function containerCommand(service: Service): string[] {
  const command = service.command;
  if (command === undefined) return [];
  return command.kind === 'exec' ? command.argv : ['/bin/sh', '-c', command.script];
}

function publish(port: Port): string {
  const host = port.hostIp === undefined ? '' : `${port.hostIp}:`;
  return `${host}${port.host}:${port.container}${port.protocol === 'udp' ? '/udp' : ''}`;
}

/** Named volumes carry the project prefix, as Compose names them, so both targets share the data. */
function mount(project: string, volume: Volume): JsValue {
  const suffix = `:${volume.target}${volume.readOnly ? ':ro' : ''}`;
  return volume.kind === 'named' ? `${projectVolumeName(project, volume.source)}${suffix}` : specPath(volume.source, suffix);
}

/** Docker reads `--gpus` as CSV: a field holding commas is quoted. */
function gpus(gpu: Gpu): string {
  const defaultCapabilities = gpu.capabilities.length === 1 && gpu.capabilities[0] === 'gpu';
  const devices = 'deviceIds' in gpu ? `"device=${gpu.deviceIds.join(',')}"` : String(gpu.count);
  if (defaultCapabilities) return devices;
  const count = 'deviceIds' in gpu ? devices : `count=${gpu.count}`;
  return `${count},"capabilities=${gpu.capabilities.join(',')}"`;
}
