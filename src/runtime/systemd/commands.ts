import { posix } from 'node:path';

/**
 * journalctl run the way systemctl is: beside it when systemctl is given as a path, after the
 * same prefix when it is run through one (`docker exec box systemctl` → `docker exec box journalctl`).
 */
export function journalctlOf(systemctl: readonly string[]): string[] {
  const last = systemctl.at(-1) ?? 'systemctl';
  const directory = posix.dirname(last);
  const journalctl = directory === '.' ? 'journalctl' : posix.join(directory, 'journalctl');
  return [...systemctl.slice(0, -1), journalctl];
}
