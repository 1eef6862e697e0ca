import type { DriverOptions } from '../driver.js';

/** What the systemd target's runtime options (`src/targets/systemd/index.ts`) give its driver. */
export interface SystemdOptions {
  /** The folder units are installed into (default /etc/systemd/system, or ~/.config/systemd/user with --user). */
  unitDir?: string;
  /** Where `up` writes the secrets files (default: targets.systemd.secrets_dir, the path the units read). */
  secretsDir?: string;
  /** The command that runs systemctl, e.g. `docker exec box systemctl` (default `systemctl`). */
  systemctl?: string[];
  /** Talk to the user's manager. */
  user?: boolean;
  /** A remote host, through systemctl's own --host (ssh). */
  host?: string;
}

export const systemdOptions = (options: DriverOptions): SystemdOptions => options as SystemdOptions;
