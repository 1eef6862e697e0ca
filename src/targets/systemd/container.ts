import { isAbsolute } from 'node:path';
import type { Gpu } from '../../model/types.js';
import { projectDirHint } from '../../model/project-dir.js';
import { renderRun, type HostPath } from '../shared/container/args.js';
import { cdiGpuDevices } from '../shared/container/gpus.js';
import { externalVolumeCheck } from '../shared/container/external-volumes.js';
import { containerRunArgs } from '../shared/container/run.js';
import { externalVolumeNames } from '../shared/volume-name.js';
import { containerKeyProblems } from '../shared/exact.js';
import { whyNotCarried } from './carry.js';
import { checkCommand } from './command.js';
import { refuse, specPath, warn, type UnitContext } from './context.js';
import { ceilSeconds } from './duration.js';
import { containerName, enginePath } from './names.js';

/**
 * `docker run --rm --name <project>-<svc> ...` in the foreground, so systemd watches the container.
 * `envFiles` are the env files already checked (absolute, plain); bind sources must be absolute.
 */
export function runArgv(ctx: UnitContext, envFiles: readonly string[]): string[] {
  const { model, service } = ctx;
  const engine = model.settings.systemd.engine;
  const args = containerRunArgs(service, { project: model.project, container: containerName(model.project, service.name), engine });
  const argv = [enginePath(model), ...renderRun(args, (path) => unitPath(ctx, path, envFiles))];
  if (service.gpu && engine === 'podman') warnPodmanGpu(ctx, service.gpu);
  if (service.command) checkCommand(ctx, service.command, specPath(ctx, 'command'), 'command', false);
  for (const { what, reason, relative } of containerKeyProblems(service, whyNotCarried)) refuse(ctx, what, reason, specPath(ctx, ...relative));
  return argv;
}

/** A host path as the unit says it: absolute, as the unit is installed elsewhere; a relative one is refused (E301). */
function unitPath(ctx: UnitContext, path: HostPath, envFiles: readonly string[]): string | undefined {
  if (path.field[0] === 'env_file') return envFiles.includes(path.path) ? path.path : undefined;
  if (isAbsolute(path.path)) return path.path + path.suffix;
  refuse(ctx, `volume source "${path.path}"`, 'a relative path cannot be placed in a unit that is installed elsewhere', specPath(ctx, ...path.field), projectDirHint(path.path, ctx.model.project));
  return undefined;
}

/** Podman names GPUs as CDI devices: a count becomes the first N indices (W103), capabilities are the CDI spec's. */
function warnPodmanGpu(ctx: UnitContext, gpu: Gpu): void {
  const devices = cdiGpuDevices(gpu);
  if ('count' in gpu && gpu.count !== 'all') {
    warn(ctx, `podman names GPUs as CDI devices, never a count: the unit asks for ${devices.join(', ')}, the first ${gpu.count}`, specPath(ctx, 'gpu', 'count'));
    ctx.notes.push(`gpu count ${gpu.count} is given to podman as the CDI devices ${devices.join(', ')} (CDI names devices, not a count)`);
  }
  if (gpu.capabilities.some((c) => c !== 'gpu')) {
    warn(ctx, 'podman\'s CDI devices carry what the host\'s CDI spec gives; GPU capabilities are not passed', specPath(ctx, 'gpu', 'capabilities'));
  }
}

/** A start check that the external volumes exist, which `docker run` would otherwise make new and empty. */
export function externalVolumesCheck(ctx: UnitContext): string[] | undefined {
  const names = externalVolumeNames(ctx.model.project, ctx.service);
  if (names.length === 0) return undefined;
  const one = names.length === 1;
  ctx.notes.push(`mounts the external volume${one ? '' : 's'} ${names.join(', ')}, which the stack never makes: the start fails while ${one ? 'it is' : 'one is'} missing`);
  return ['/bin/sh', '-c', externalVolumeCheck(enginePath(ctx.model), names).trimEnd()];
}

export function clearLeftover(ctx: UnitContext): string[] {
  return [enginePath(ctx.model), 'rm', '-f', containerName(ctx.model.project, ctx.service.name)];
}

export function stopArgv(ctx: UnitContext): string[] {
  const seconds = String(ceilSeconds(ctx.service.stop.timeoutMs));
  return [enginePath(ctx.model), 'stop', '-t', seconds, containerName(ctx.model.project, ctx.service.name)];
}
