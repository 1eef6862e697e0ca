import { diagnostic } from '../../diagnostics/diagnostic.js';
import { serviceEntries, serviceShapes } from '../raw.js';
import type { Check } from './context.js';

const kinds = ['http', 'tcp', 'exec'] as const;

export const checkHealthKind: Check = ({ spec }) =>
  serviceEntries(spec).flatMap(([name, service]) =>
    serviceShapes(name, service).flatMap(({ path, value }) => {
      if (value.health === undefined) return [];
      const given = kinds.filter((kind) => value.health![kind] !== undefined);
      if (given.length === 1) return [];
      const message =
        given.length === 0
          ? `health check of \`${name}\` has no probe: give one of \`http\`, \`tcp\` or \`exec\``
          : `health check of \`${name}\` has ${given.map((k) => `\`${k}\``).join(' and ')}: give only one`;
      return [diagnostic('E208', message, { path: [...path, 'health'], atKey: true })];
    }),
  );
