import { placedTargets, runnableTargets, whyNotRunnable } from '../placement.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { rawDependencies, serviceEntries } from '../raw.js';
import type { Check } from './context.js';

export const checkRunnable: Check = ({ spec, targets, runners }) => {
  const out: Diagnostic[] = [];
  for (const [name, service] of serviceEntries(spec)) {
    const path = ['services', name];
    const runnable = runnableTargets(service, runners);
    if (runnable.length === 0) {
      out.push(diagnostic('E205', `\`${name}\` has nothing to run: give it \`image\` or \`command\``, { path, atKey: true }));
      continue;
    }
    (service.targets ?? []).forEach((target, index) => {
      if (runners.some((r) => r.name === target) && !runnable.includes(target)) out.push(diagnostic('E205', `\`${name}\` cannot go to ${target}: ${whyNotRunnable(service, target)}`, { path: [...path, 'targets', index] }));
    });
    if (service.targets === undefined && targets.length > 0 && placedTargets(service, targets, runners).length === 0) {
      const selected = targets.join(', ');
      out.push(diagnostic('E205', `no selected target (${selected}) can run \`${name}\`: ${whyNotRunnable(service, targets[0]!)}`, { path, atKey: true }));
    }
  }
  return [...out, ...missingDependencies({ spec, targets, runners })];
};

/** A required dependency must go everywhere its dependent goes. */
const missingDependencies: Check = ({ spec, targets, runners }) => {
  const out: Diagnostic[] = [];
  for (const [name, service] of serviceEntries(spec)) {
    const placed = placedTargets(service, targets, runners);
    for (const dep of rawDependencies(name, service)) {
      const dependency = spec.services[dep.name];
      if (dependency === undefined) continue;
      const required = dep.required ?? dependency.essential ?? true;
      if (!required) continue;
      const missing = placed.filter((target) => !placedTargets(dependency, targets, runners).includes(target));
      for (const target of missing) {
        out.push(
          diagnostic('E210', `\`${name}\` goes to ${target} but its required dependency \`${dep.name}\` does not`, {
            path: dep.path,
            atKey: true,
            hint: `give \`${name}\` a \`targets:\` list without ${target}, or mark the dependency \`required: false\``,
          }),
        );
      }
    }
  }
  return out;
};
