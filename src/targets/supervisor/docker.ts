import type { Gpu, Port, Service, Volume } from '../../model/types.js';
import { deviceArgs } from '../shared/docker-devices.js';
import { projectVolumeName } from '../shared/volume-name.js';
import { specPath } from './paths.js';
import { seconds } from './time.js';

/** Where a container program lives: its project, container name and the spec's folder seen from the conf. */
export interface ContainerPlace {
  project: string;
  container: string;
  sourceDir: string;
}

/**
 * `docker run` in the foreground, so supervisord watches the container through the CLI. Env
 * values stay out of argv: `-e KEY` passes each one on from the CLI's own environment.
 */
export function dockerRun(service: Service, place: ContainerPlace, args: string[]): string[] {
  const { project, container, sourceDir } = place;
  const keys = [...service.env.map(([key]) => key), ...service.secrets.map((s) => s.key), ...service.envRequired.filter((key) => !service.env.some(([k]) => k === key)), ...service.envOptional];
  return [
    'docker', 'run', '--rm', '--name', container,
    ...(service.network !== undefined ? ['--network', service.network] : []),
    ...service.envFiles.flatMap((file) => ['--env-file', specPath(file, sourceDir)]),
    ...keys.flatMap((key) => ['-e', key]),
    ...(service.user !== undefined ? ['--user', service.user] : []),
    ...(service.workdir !== undefined ? ['--workdir', service.workdir] : []),
    ...(service.network === 'host' ? [] : service.ports.flatMap((port) => ['-p', publish(port)])),
    ...service.volumes.flatMap((volume) => ['-v', mount(volume, project, sourceDir)]),
    ...deviceArgs(service),
    ...(service.gpu ? ['--gpus', gpus(service.gpu)] : []),
    ...(service.resources.memoryBytes !== undefined ? ['--memory', String(service.resources.memoryBytes)] : []),
    ...(service.resources.cpus !== undefined ? ['--cpus', String(service.resources.cpus)] : []),
    '--stop-signal', service.stop.signal,
    '--stop-timeout', String(seconds(service.stop.timeoutMs)),
    service.image!,
    ...args,
  ];
}

function publish(port: Port): string {
  const host = port.hostIp !== undefined ? `${port.hostIp}:${port.host}` : String(port.host);
  return `${host}:${port.container}${port.protocol === 'udp' ? '/udp' : ''}`;
}

/** Named volumes carry the project prefix, as on every other target, so switching target keeps the data. */
function mount(volume: Volume, project: string, sourceDir: string): string {
  const source = volume.kind === 'bind' ? specPath(volume.source, sourceDir) : projectVolumeName(project, volume.source);
  return `${source}:${volume.target}${volume.readOnly ? ':ro' : ''}`;
}

/** The `--gpus` value: one CSV record, as the Docker CLI reads it. */
function gpus(gpu: Gpu): string {
  const fields = ['deviceIds' in gpu ? `device=${gpu.deviceIds.join(',')}` : String(gpu.count)];
  const extra = gpu.capabilities.filter((capability) => capability !== 'gpu');
  if (extra.length > 0) fields.push(`capabilities=${extra.join(',')}`);
  return fields.map((field) => (field.includes(',') ? `"${field}"` : field)).join(',');
}
