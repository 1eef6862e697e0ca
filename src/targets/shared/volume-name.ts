import type { Service, Volume } from '../../model/types.js';

/**
 * The Docker volume a named volume of the spec becomes: the `name` the spec gives it, an external
 * volume's own name, else `<project>_<volume>` as Compose names it, so every target of one project
 * shares the data and two projects never share a volume by accident.
 */
export function engineVolumeName(project: string, volume: Volume): string {
  return volume.declared?.name ?? (volume.declared?.external ? volume.source : `${project}_${volume.source}`);
}

/** The engine names of the external volumes a service mounts, each once, in order of first mount. */
export function externalVolumeNames(project: string, service: Service): string[] {
  return [...new Set(service.volumes.filter((v) => v.declared?.external).map((v) => engineVolumeName(project, v)))];
}
