import type { Service } from '../../model/types.js';

/**
 * The start of a shell script that gives the program its secrets from supervisord's own environment:
 * `KEY=${FROM?...}; export KEY;` copies one read from another variable (an assignment takes the value
 * byte for byte), `: "${KEY?...}";` checks one the program inherits as it is. An unset variable stops
 * the shell with a message naming it, so the program never starts without its secret. supervisord's
 * own `%(ENV_X)s` is no way to pass them: it expands before the environment setting is parsed.
 */
export function secretsScript(service: Service): string {
  return service.secrets
    .map(({ key, from }) => {
      const value = `\${${from}?secret ${key} of service ${service.name} is read from ${from}: set it}`;
      return key === from ? `: "${value}"; ` : `${key}=${value}; export ${key}; `;
    })
    .join('');
}

/** The header line: where the secrets come from. */
export function secretsNote(services: readonly Service[]): string[] {
  const secrets = services.flatMap((s) => s.secrets.map(({ key, from }) => (key === from ? `${s.name}.${key}` : `${s.name}.${key} from $${from}`)));
  if (secrets.length === 0) return [];
  return [`Secrets are never written here: they come from supervisord's own environment, and a shell in front of the program refuses to start it when one is unset: ${[...new Set(secrets)].join(', ')}.`];
}
