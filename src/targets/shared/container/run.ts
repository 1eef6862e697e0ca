import type { Service } from '../../../model/types.js';
import { deviceArgs } from '../docker-devices.js';
import type { RunArg } from './args.js';
import { entrypointSplit } from './entrypoint.js';
import { envArgs } from './env.js';
import { gpuArgs } from './gpus.js';
import { networkArgs } from './network.js';
import { containerOptionArgs } from './options.js';
import { publishArgs } from './ports.js';
import { volumeArgs } from './volumes.js';

/** Where the container runs: its project, its name, and the engine that reads the arguments. */
export interface ContainerRunPlace {
  project: string;
  container: string;
  engine: 'docker' | 'podman';
}

/**
 * Everything after the engine's path in `ENGINE run --rm --name NAME ... IMAGE COMMAND...`, the one
 * container every target runs for a service: attached, so the run ends with the container's status.
 */
export function containerRunArgs(service: Service, place: ContainerRunPlace): RunArg[] {
  const { flag: entrypoint, afterImage } = entrypointSplit(service);
  return [
    'run', '--rm', '--name', place.container,
    ...entrypoint,
    ...networkArgs(place.project, service),
    ...(service.user !== undefined ? ['--user', service.user] : []),
    ...(service.workdir !== undefined ? ['--workdir', service.workdir] : []),
    ...envArgs(service),
    ...publishArgs(service),
    ...volumeArgs(place.project, service),
    ...deviceArgs(service),
    ...(service.gpu ? gpuArgs(service.gpu, place.engine) : []),
    ...resourceArgs(service),
    ...containerOptionArgs(service),
    '--stop-signal', service.stop.signal,
    '--stop-timeout', String(Math.ceil(service.stop.timeoutMs / 1000)),
    service.image!,
    ...afterImage,
  ];
}

function resourceArgs(service: Service): string[] {
  const { memoryBytes, cpus } = service.resources;
  return [...(memoryBytes !== undefined ? ['--memory', String(memoryBytes)] : []), ...(cpus !== undefined ? ['--cpus', String(cpus)] : [])];
}
