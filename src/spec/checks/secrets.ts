import { diagnostic, type Diagnostic, type SpecPath } from '../../diagnostics/diagnostic.js';
import { serviceEntries, type OrchgenSpec, type RawService } from '../raw.js';
import type { Check } from './context.js';

type RawEnv = NonNullable<RawService['env']>;

/** One env key as the service (or a fallback variant) ends up with it, and where it is written. */
interface Placed {
  value: RawEnv[string];
  path: SpecPath;
}

/**
 * E213: a secret read from a variable the same service sets in `env`. Where a program inherits the
 * environment it is started from (supervisord), its own value would hide the variable's.
 */
export const checkSecrets: Check = ({ spec }) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const [name, service] of serviceEntries(spec)) {
    for (const env of variants(spec, name, service)) {
      for (const [key, { value, path }] of env) {
        if (typeof value !== 'object') continue;
        const from = value.from ?? key;
        const hidden = env.get(from);
        if (hidden === undefined || typeof hidden.value === 'object') continue;
        const message = `secret \`${key}\` of \`${name}\` is read from \`${from}\`, which \`${name}\` also sets in \`env\``;
        const id = JSON.stringify([message, path]);
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(diagnostic('E213', message, { path, hint: `the service's own \`${from}\` would hide the variable where programs inherit the environment (supervisord): read the secret from another variable` }));
      }
    }
  }
  return out;
};

/** The merged env of the service and of each fallback variant, each key with the place it was written. */
function variants(spec: OrchgenSpec, name: string, service: RawService): Array<Map<string, Placed>> {
  const base = new Map<string, Placed>();
  layer(base, spec.defaults?.env, ['defaults', 'env']);
  layer(base, service.env, ['services', name, 'env']);
  const out = [base];
  (service.fallbacks ?? []).forEach((fallback, index) => {
    const variant = new Map(base);
    layer(variant, fallback.set.env, ['services', name, 'fallbacks', index, 'set', 'env']);
    out.push(variant);
  });
  return out;
}

function layer(into: Map<string, Placed>, env: RawEnv | undefined, at: SpecPath): void {
  for (const [key, value] of Object.entries(env ?? {})) into.set(key, { value, path: [...at, key] });
}
