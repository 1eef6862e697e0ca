import type { Service } from '../../../model/types.js';
import { engineVolumeName } from '../volume-name.js';
import { hostPath, type RunArg } from './args.js';

/** `-v SOURCE:TARGET[:ro]`: named volumes by their engine name (the project prefix unless the spec names them); bind sources are host paths. */
export function volumeArgs(project: string, service: Service): RunArg[] {
  return service.volumes.flatMap((volume, index): RunArg[] => {
    const suffix = `:${volume.target}${volume.readOnly ? ':ro' : ''}`;
    if (volume.kind === 'named') return ['-v', `${engineVolumeName(project, volume)}${suffix}`];
    return [hostPath('-v', volume.source, suffix, ['volumes', index])];
  });
}
