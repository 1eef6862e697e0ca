import type { Service } from '../../model/types.js';

/** Where the secrets come from: the environment Compose interpolates `${VARIABLE?...}` from. */
export function secretsNotes(services: readonly Service[]): string[] {
  const secrets = services.flatMap((s) => s.secrets.map(({ key, from }) => `${s.name}.${key} from $${from}`));
  if (secrets.length === 0) return [];
  return [`Secrets are never written here: Compose reads them from the environment it runs in (not from .env, which orchgen writes), and refuses to start when one is unset: ${secrets.join(', ')}.`];
}
