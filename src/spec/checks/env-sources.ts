import { diagnostic, type Diagnostic, type SpecPath } from '../../diagnostics/diagnostic.js';
import { serviceEntries, type OrchgenSpec, type RawService } from '../raw.js';
import type { Check } from './context.js';

type ListKey = 'env_required' | 'env_optional';

/** Where a key gets its value in one variant of a service, with the place that says so. */
interface Place {
  path: SpecPath;
  /** The fallback whose `set` says it; undefined: the service (or `defaults`). */
  fallback?: string;
}

interface EnvPlace extends Place {
  secret: boolean;
  inDefaults: boolean;
}

/** One variant of a service (the service itself, or it with a fallback's `set` over it). */
interface Variant {
  env: Map<string, EnvPlace>;
  lists: Record<ListKey, Map<string, Place>>;
}

/**
 * E207: a key must come from one place: a value or a secret in `env`, `env_required` (set at start,
 * or no start) or `env_optional` (passed on when set). Fallback variants are checked as they end up:
 * `env` merged, the lists replaced.
 */
export const checkEnvSources: Check = ({ spec }) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: Diagnostic) => {
    const id = JSON.stringify([d.message, d.path]);
    if (!seen.has(id)) out.push(d);
    seen.add(id);
  };
  for (const [name, service] of serviceEntries(spec)) {
    for (const variant of variants(spec, name, service)) {
      for (const list of ['env_required', 'env_optional'] as const) {
        for (const [key, place] of variant.lists[list]) {
          const env = variant.env.get(key);
          if (env) push(givenInEnv(name, key, list, place, env));
        }
      }
      for (const [key, place] of variant.lists.env_optional) {
        const required = variant.lists.env_required.get(key);
        if (required) push(inBothLists(name, key, place, required));
      }
    }
  }
  return out;
};

const hints: Record<ListKey, { value: string; secret: string }> = {
  env_required: {
    value: 'a required key comes from the environment at start: remove it from `env`',
    secret: 'a secret is read from the environment at start already: remove it from `env_required`',
  },
  env_optional: {
    value: 'a key in `env_optional` comes from the environment at start, when set there: remove it from `env`',
    secret: 'a secret is read from the environment at start already, and must be set: remove it from `env_optional`',
  },
};

function givenInEnv(name: string, key: string, list: ListKey, place: Place, env: EnvPlace): Diagnostic {
  const head = `\`${key}\` of \`${name}\` is in ${where(list, place)}`;
  const path = env.fallback !== undefined && place.fallback === undefined ? env.path : place.path;
  if (env.inDefaults) return diagnostic('E207', `${head} and is given a value in \`defaults.env\``, { path, hint: 'remove it from `defaults.env`' });
  if (env.secret) return diagnostic('E207', `${head} and is also a secret in ${where('env', env)}`, { path, hint: hints[list].secret });
  return diagnostic('E207', `${head} and is also given a value in ${where('env', env)}`, { path, hint: hints[list].value });
}

function inBothLists(name: string, key: string, optional: Place, required: Place): Diagnostic {
  const path = required.fallback !== undefined && optional.fallback === undefined ? required.path : optional.path;
  const message = `\`${key}\` of \`${name}\` is in ${where('env_optional', optional)} and also in ${where('env_required', required)}`;
  return diagnostic('E207', message, { path, hint: '`env_required` refuses to start without it, `env_optional` passes it on only when set: keep it in one' });
}

function where(key: string, place: Place): string {
  return place.fallback === undefined ? `\`${key}\`` : `\`${key}\` of fallback \`${place.fallback}\``;
}

/** The service as written, then each fallback variant: `env` merges, `env_required` and `env_optional` replace. */
function variants(spec: OrchgenSpec, name: string, service: RawService): Variant[] {
  const env = new Map<string, EnvPlace>();
  layerEnv(env, spec.defaults?.env, { path: ['defaults', 'env'] }, true);
  layerEnv(env, service.env, { path: ['services', name, 'env'] }, false);
  const own: Place = { path: ['services', name] };
  const base: Variant = { env, lists: { env_required: listOf(service, 'env_required', own), env_optional: listOf(service, 'env_optional', own) } };
  const out = [base];
  (service.fallbacks ?? []).forEach((fallback, index) => {
    const at: Place = { path: ['services', name, 'fallbacks', index, 'set'], fallback: fallback.name };
    const variantEnv = new Map(base.env);
    layerEnv(variantEnv, fallback.set.env, { ...at, path: [...at.path, 'env'] }, false);
    const list = (key: ListKey) => (fallback.set[key] === undefined ? base.lists[key] : listOf(fallback.set, key, at));
    out.push({ env: variantEnv, lists: { env_required: list('env_required'), env_optional: list('env_optional') } });
  });
  return out;
}

function layerEnv(into: Map<string, EnvPlace>, env: RawService['env'], at: Place, inDefaults: boolean): void {
  for (const [key, value] of Object.entries(env ?? {})) into.set(key, { ...at, path: [...at.path, key], secret: typeof value === 'object', inDefaults });
}

function listOf(service: RawService, key: ListKey, at: Place): Map<string, Place> {
  return new Map((service[key] ?? []).map((item, index) => [item, { ...at, path: [...at.path, key, index] }]));
}
