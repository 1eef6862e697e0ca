import { isAbsolute } from 'node:path';
import type { Gpu, Service, Volume } from '../../model/types.js';
import { projectDirHint } from '../../model/project-dir.js';
import { deviceArgs } from '../shared/docker-devices.js';
import { checkCommand, commandArgv } from './command.js';
import { refuse, specPath, warn, type UnitContext } from './context.js';
import { ceilSeconds } from './duration.js';
import { cdiGpuDevices, gpusFlag } from './gpu.js';
import { projectVolumeName } from '../shared/volume-name.js';
import { containerName, enginePath } from './names.js';

/** `docker run --rm --name <project>-<svc> ...` in the foreground, so systemd watches the container. */
export function runArgv(ctx: UnitContext, envFiles: readonly string[]): string[] {
  const { model, service } = ctx;
  const argv = [enginePath(model), 'run', '--rm', '--name', containerName(model.project, service.name)];
  if (service.network !== undefined) argv.push('--network', service.network);
  if (service.user !== undefined) argv.push('--user', service.user);
  if (service.workdir !== undefined) argv.push('--workdir', service.workdir);
  for (const [key] of service.env) argv.push('-e', key);
  for (const { key } of service.secrets) argv.push('-e', key);
  for (const key of [...service.envRequired, ...service.envOptional]) argv.push('-e', key);
  for (const file of envFiles) argv.push('--env-file', file);
  // With the host's network the ports are the host's: the engine ignores -p.
  if (service.network !== 'host') for (const port of service.ports) argv.push('-p', portFlag(port));
  service.volumes.forEach((volume, index) => {
    const flag = volumeFlag(ctx, volume, index);
    if (flag !== undefined) argv.push('-v', flag);
  });
  argv.push(...deviceArgs(service));
  if (service.gpu) argv.push(...gpuArgs(ctx, service.gpu));
  if (service.resources.memoryBytes !== undefined) argv.push('--memory', String(service.resources.memoryBytes));
  if (service.resources.cpus !== undefined) argv.push('--cpus', String(service.resources.cpus));
  argv.push('--stop-signal', service.stop.signal, '--stop-timeout', String(ceilSeconds(service.stop.timeoutMs)));
  argv.push(service.image!);
  if (service.command && checkCommand(ctx, service.command, specPath(ctx, 'command'), 'command', false)) argv.push(...commandArgv(service.command));
  return argv;
}

/** Docker's --gpus; podman's CDI devices, where a count becomes the first N indices (W103). */
function gpuArgs(ctx: UnitContext, gpu: Gpu): string[] {
  if (ctx.model.settings.systemd.engine === 'docker') return ['--gpus', gpusFlag(gpu)];
  const devices = cdiGpuDevices(gpu);
  if ('count' in gpu && gpu.count !== 'all') {
    warn(ctx, `podman names GPUs as CDI devices, never a count: the unit asks for ${devices.join(', ')}, the first ${gpu.count}`, specPath(ctx, 'gpu', 'count'));
    ctx.notes.push(`gpu count ${gpu.count} is given to podman as the CDI devices ${devices.join(', ')} (CDI names devices, not a count)`);
  }
  if (gpu.capabilities.some((c) => c !== 'gpu')) {
    warn(ctx, 'podman\'s CDI devices carry what the host\'s CDI spec gives; GPU capabilities are not passed', specPath(ctx, 'gpu', 'capabilities'));
  }
  return devices.flatMap((device) => ['--device', device]);
}

function portFlag(port: Service['ports'][number]): string {
  const host = port.hostIp === undefined ? `${port.host}` : `${port.hostIp}:${port.host}`;
  return `${host}:${port.container}${port.protocol === 'udp' ? '/udp' : ''}`;
}

/** Named volumes are the project's, as Compose names them; bind sources must be absolute. */
function volumeFlag(ctx: UnitContext, volume: Volume, index: number): string | undefined {
  const mode = volume.readOnly ? ':ro' : '';
  if (volume.kind === 'named') return `${projectVolumeName(ctx.model.project, volume.source)}:${volume.target}${mode}`;
  if (!isAbsolute(volume.source)) {
    refuse(ctx, `volume source "${volume.source}"`, 'a relative path cannot be placed in a unit that is installed elsewhere', specPath(ctx, 'volumes', index), projectDirHint(volume.source, ctx.model.project));
    return undefined;
  }
  return `${volume.source}:${volume.target}${mode}`;
}

export function clearLeftover(ctx: UnitContext): string[] {
  return [enginePath(ctx.model), 'rm', '-f', containerName(ctx.model.project, ctx.service.name)];
}

export function stopArgv(ctx: UnitContext): string[] {
  const seconds = String(ceilSeconds(ctx.service.stop.timeoutMs));
  return [enginePath(ctx.model), 'stop', '-t', seconds, containerName(ctx.model.project, ctx.service.name)];
}
