import { isAbsolute } from 'node:path';
import type { Service, Volume } from '../../model/types.js';
import { deviceArgs } from '../shared/docker-devices.js';
import { checkCommand, commandArgv } from './command.js';
import { refuse, specPath, type UnitContext } from './context.js';
import { ceilSeconds } from './duration.js';
import { gpusFlag } from './gpu.js';
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
  for (const key of service.envRequired) argv.push('-e', key);
  for (const file of envFiles) argv.push('--env-file', file);
  // With the host's network the ports are the host's: the engine ignores -p.
  if (service.network !== 'host') for (const port of service.ports) argv.push('-p', portFlag(port));
  service.volumes.forEach((volume, index) => {
    const flag = volumeFlag(ctx, volume, index);
    if (flag !== undefined) argv.push('-v', flag);
  });
  argv.push(...deviceArgs(service));
  if (service.gpu) argv.push('--gpus', gpusFlag(service.gpu));
  if (service.resources.memoryBytes !== undefined) argv.push('--memory', String(service.resources.memoryBytes));
  if (service.resources.cpus !== undefined) argv.push('--cpus', String(service.resources.cpus));
  argv.push('--stop-signal', service.stop.signal, '--stop-timeout', String(ceilSeconds(service.stop.timeoutMs)));
  argv.push(service.image!);
  if (service.command && checkCommand(ctx, service.command, specPath(ctx, 'command'), 'command', false)) argv.push(...commandArgv(service.command));
  return argv;
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
    const hint = `write an absolute path such as /srv/${ctx.model.project}/${volume.source.replace(/^\.\//, '')}`;
    refuse(ctx, `volume source "${volume.source}"`, 'a relative path cannot be placed in a unit that is installed elsewhere', specPath(ctx, 'volumes', index), hint);
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
