import { diagnostic, type Diagnostic } from '../diagnostic.js';
import { serviceEntries } from '../raw.js';
import type { Check } from './context.js';

export const checkEnvRequired: Check = ({ spec }) => {
  const out: Diagnostic[] = [];
  for (const [name, service] of serviceEntries(spec)) {
    (service.env_required ?? []).forEach((key, index) => {
      const path = ['services', name, 'env_required', index];
      if (typeof service.env?.[key] === 'object') {
        out.push(diagnostic('E207', `\`${key}\` of \`${name}\` is in \`env_required\` and is also a secret in \`env\``, { path, hint: 'a secret is read from the environment at start already: remove it from `env_required`' }));
      } else if (service.env?.[key] !== undefined) {
        out.push(diagnostic('E207', `\`${key}\` of \`${name}\` is in \`env_required\` and is also given a value in \`env\``, { path, hint: 'a required key comes from the environment at start: remove it from `env`' }));
      } else if (spec.defaults?.env?.[key] !== undefined) {
        out.push(diagnostic('E207', `\`${key}\` of \`${name}\` is in \`env_required\` and is given a value in \`defaults.env\``, { path, hint: 'remove it from `defaults.env`' }));
      }
    });
  }
  return out;
};
