import { diagnostic } from '../../diagnostics/diagnostic.js';
import { serviceEntries, serviceShapes } from '../raw.js';
import type { Check } from './context.js';

/** `devices` gives host devices to a container; a host process already sees the host's /dev, so the key would do nothing. */
export const checkDevices: Check = ({ spec }) =>
  serviceEntries(spec).flatMap(([name, service]) =>
    serviceShapes(name, service).flatMap(({ path, value }) => {
      if (value.devices === undefined || (value.image ?? service.image) !== undefined) return [];
      return [
        diagnostic('E215', `\`${name}\` runs as a host process, which sees the host's devices already: \`devices\` applies to containers only`, {
          path: [...path, 'devices'],
          atKey: true,
          hint: 'remove `devices`, or give the service an `image`',
        }),
      ];
    }),
  );
