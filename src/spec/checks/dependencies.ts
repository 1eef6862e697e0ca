import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { rawDependencies, serviceEntries } from '../raw.js';
import type { Check } from './context.js';

export const checkDependencies: Check = ({ spec }) => {
  const names = Object.keys(spec.services);
  const out: Diagnostic[] = [];
  for (const [name, service] of serviceEntries(spec)) {
    for (const dep of rawDependencies(name, service)) {
      const target = spec.services[dep.name];
      if (target === undefined) {
        const hint = didYouMean(dep.name, names.filter((n) => n !== name));
        out.push(diagnostic('E201', `\`${name}\` depends on \`${dep.name}\`, which is not a service`, { path: dep.path, atKey: true, ...(hint ? { hint } : {}) }));
        continue;
      }
      if (dep.condition === 'healthy' && target.health === undefined) {
        out.push(
          diagnostic('E203', `\`${name}\` waits for \`${dep.name}\` to be healthy, but \`${dep.name}\` has no health check`, {
            path: dep.path,
            atKey: true,
            hint: `add \`health:\` to \`${dep.name}\`, or use \`started\``,
          }),
        );
      }
      const essential = service.essential ?? true;
      if (essential && target.essential === false && dep.required === true) {
        out.push(
          diagnostic('W101', `essential \`${name}\` requires optional \`${dep.name}\`: when \`${dep.name}\` fails, \`${name}\` and the stack fail with it`, {
            path: dep.path,
            atKey: true,
            hint: 'set `required: false`, or make the dependency essential',
          }),
        );
      }
    }
  }
  return out;
};
