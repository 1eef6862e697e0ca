import type { Service } from '../../model/types.js';
import { renderRun } from '../shared/container/args.js';
import { onProjectNetwork } from '../shared/container/network.js';
import { containerRunArgs } from '../shared/container/run.js';
import { containerWrapper } from '../shared/container/wrapper.js';
import { externalVolumeNames } from '../shared/volume-name.js';
import { specPath, type JsValue } from './js.js';
import { containerName } from './names.js';

/** The wrapper's arguments after `/bin/sh -c`: the container's name, the project on its network, then `docker run ...`, whose host paths resolve against the ecosystem file's folder. */
export function containerLaunchArgs(project: string, service: Service): JsValue[] {
  const container = containerName(project, service.name);
  const networked = onProjectNetwork(service);
  const run = renderRun(containerRunArgs(service, { project, container, engine: 'docker' }), (path) => specPath(path.path, path.suffix));
  return ['-c', containerWrapper(networked, externalVolumeNames(project, service)), 'sh', container, ...(networked ? [project] : []), 'docker', ...run];
}
