import type { Service } from '../../model/types.js';

const accountKeys = ['HOME', 'USER', 'LOGNAME'] as const;

/**
 * The start of a shell script that sets HOME, USER and LOGNAME for the account a host process runs
 * as: supervisord's `user=` changes only the uid, and the program would see root's. The account's
 * home is looked up on the host as the program starts (the build does not know its passwd): by the
 * shell's own `~name` for a user name, by `getent passwd` for a numeric uid. supervisord refuses to
 * load a conf whose user has no passwd entry, so there always is one. Keys the spec sets stay its own.
 */
export function accountScript(service: Service): string {
  const user = service.user;
  if (service.kind !== 'process' || user === undefined) return '';
  const own = new Set([...service.env.map(([key]) => key), ...service.secrets.map((s) => s.key)]);
  const keys = accountKeys.filter((key) => !own.has(key));
  if (keys.length === 0) return '';
  const numeric = /^\d+$/.test(user);
  const values: Record<(typeof accountKeys)[number], string> = numeric
    ? { HOME: `$(getent passwd ${user} | cut -d: -f6)`, USER: '$(id -un)', LOGNAME: '$(id -un)' }
    : { HOME: `~${user}`, USER: user, LOGNAME: user };
  return `${keys.map((key) => `${key}=${values[key]}; `).join('')}export ${keys.join(' ')}; `;
}
