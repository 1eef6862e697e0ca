import type { Service } from '../../model/types.js';
import { renderRun } from '../shared/container/args.js';
import { onProjectNetwork } from '../shared/container/network.js';
import { containerRunArgs } from '../shared/container/run.js';
import { containerWrapper } from '../shared/container/wrapper.js';
import { externalVolumeNames } from '../shared/volume-name.js';
import { specPath } from './paths.js';

/** Where a container program lives: its project, container name and the spec's folder seen from the conf. */
export interface ContainerPlace {
  project: string;
  container: string;
  sourceDir: string;
}

/**
 * `docker run` in the foreground under the container wrapper, so supervisord watches the container
 * through the CLI and its stop reaches the container; host paths are relative to the conf.
 */
export function containerArgv(service: Service, place: ContainerPlace): string[] {
  const { project, container, sourceDir } = place;
  const networked = onProjectNetwork(service);
  const run = renderRun(containerRunArgs(service, { project, container, engine: 'docker' }), (path) => specPath(path.path, sourceDir) + path.suffix);
  return ['/bin/sh', '-c', containerWrapper(networked, externalVolumeNames(project, service)), 'sh', container, ...(networked ? [project] : []), 'docker', ...run];
}
