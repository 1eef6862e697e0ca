import { diagnostic } from '../../diagnostics/diagnostic.js';
import { serviceEntries, serviceShapes } from '../raw.js';
import type { Check } from './context.js';

/** Folders under /dev that are not devices: shared memory and message queues mount as any folder does. */
const notDevices = ['/dev/shm', '/dev/mqueue'];

function isDevicePath(source: string): boolean {
  return source.startsWith('/dev/') && !notDevices.some((folder) => source === folder || source.startsWith(`${folder}/`));
}

/** A device node bind-mounted into a container is there but cannot be opened (EPERM): it needs `devices`. */
export const checkDeviceVolumes: Check = ({ spec }) =>
  serviceEntries(spec).flatMap(([name, service]) =>
    serviceShapes(name, service).flatMap(({ path, value }) => {
      if ((value.image ?? service.image) === undefined) return [];
      return (value.volumes ?? []).flatMap((volume, index) => {
        const source = volume.split(':')[0]!;
        if (!isDevicePath(source)) return [];
        return [
          diagnostic('W105', `\`${name}\` mounts the device ${source} as a volume: the container sees it but cannot open it (EPERM)`, {
            path: [...path, 'volumes', index],
            hint: `give it with \`devices: [${source}]\` instead`,
          }),
        ];
      });
    }),
  );
