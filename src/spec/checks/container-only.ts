import { diagnostic } from '../../diagnostics/diagnostic.js';
import { serviceEntries, serviceShapes } from '../raw.js';
import type { RawService } from '../raw.js';
import type { Check } from './context.js';

/** Keys that set up a container, each with why it would do nothing for a host process. */
const containerOnly: Array<[keyof RawService, string]> = [
  ['devices', "sees the host's devices already"],
  ['entrypoint', 'has no image entrypoint to replace (`command` is what it runs)'],
  ['cap_add', "has the capabilities of its user, which no container's default set limits"],
  ['cap_drop', "has the capabilities of its user, which no container's default set limits"],
  ['extra_hosts', "reads the host's own /etc/hosts"],
  ['init', 'is started by its supervisor, which reaps it'],
  ['logging', "logs where its supervisor puts its output, with no engine's log driver"],
];

/** Container-only keys on a service without an image would do nothing, so they are refused rather than ignored. */
export const checkContainerOnly: Check = ({ spec }) =>
  serviceEntries(spec).flatMap(([name, service]) =>
    serviceShapes(name, service).flatMap(({ path, value }) => {
      if ((value.image ?? service.image) !== undefined) return [];
      return containerOnly
        .filter(([key]) => value[key] !== undefined)
        .map(([key, why]) =>
          diagnostic('E215', `\`${name}\` runs as a host process, which ${why}: \`${key}\` applies to containers only`, {
            path: [...path, key],
            atKey: true,
            hint: `remove \`${key}\`, or give the service an \`image\``,
          }),
        );
    }),
  );
