import type { Service } from '../../../model/types.js';
import { deviceArgs } from '../docker-devices.js';
import type { RunArg } from './args.js';
import { envArgs } from './env.js';
import { gpuArgs } from './gpus.js';
import { networkArgs } from './network.js';
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
  return [
    'run', '--rm', '--name', place.container,
    ...networkArgs(place.project, service),
    ...(service.user !== undefined ? ['--user', service.user] : []),
    ...(service.workdir !== undefined ? ['--workdir', service.workdir] : []),
    ...envArgs(service),
    ...publishArgs(service),
    ...volumeArgs(place.project, service),
    ...deviceArgs(service),
    ...(service.gpu ? gpuArgs(service.gpu, place.engine) : []),
    ...resourceArgs(service),
    '--stop-signal', service.stop.signal,
    '--stop-timeout', String(Math.ceil(service.stop.timeoutMs / 1000)),
    service.image!,
    ...containerCommand(service),
  ];
}

function resourceArgs(service: Service): string[] {
  const { memoryBytes, cpus } = service.resources;
  return [...(memoryBytes !== undefined ? ['--memory', String(memoryBytes)] : []), ...(cpus !== undefined ? ['--cpus', String(cpus)] : [])];
}

/** The command in the container: exec form as written, shell form through /bin/sh -c; none keeps the image's. */
function containerCommand(service: Service): string[] {
  const command = service.command;
  if (command === undefined) return [];
  return command.kind === 'exec' ? [...command.argv] : ['/bin/sh', '-c', command.script];
}
