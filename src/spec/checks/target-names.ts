import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { serviceEntries } from '../raw.js';
import { notOneOf } from '../schema-diagnostics.js';
import type { Check } from './context.js';

/** A service's `targets` names registered targets: the registry, not the schema, knows them. */
export const checkTargetNames: Check = ({ spec, runners }) => {
  const known = runners.map((r) => r.name);
  const out: Diagnostic[] = [];
  for (const [name, service] of serviceEntries(spec)) {
    (service.targets ?? []).forEach((target, index) => {
      if (!known.includes(target)) out.push(notOneOf(['services', name, 'targets', index], target, known));
    });
  }
  return out;
};
