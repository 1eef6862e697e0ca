import type { Model } from '../../model/types.js';

/**
 * Compose interpolates the whole file for every command, so `${VARIABLE?...}` stops even `stop` and
 * `rm` while a secret or `env_required` variable is unset. Those commands never hand a value to a
 * container: they get an empty stand-in for each variable the environment lacks.
 */
export function withPlaceholders(model: Model, env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const services = model.services.flatMap((s) => [s, ...s.fallbacks.map((f) => f.service)]);
  const variables = services.flatMap((s) => [...s.secrets.map((secret) => secret.from), ...s.envRequired]);
  const missing = variables.filter((name) => env[name] === undefined);
  return { ...env, ...Object.fromEntries(missing.map((name) => [name, ''])) };
}
