/**
 * The names the supervisord conf gives things and `orchgen up` looks them up by: the renderer and the
 * runtime both take them from here.
 */

export const confFile = (project: string): string => `${project}.conf`;

export function programName(project: string, service: string): string {
  return `${project}-${service}`;
}

/** What every fallback variant's program name of a service starts with. */
export function variantPrefix(project: string, service: string): string {
  return `${programName(project, service)}--`;
}

export function variantName(project: string, service: string, fallback: string): string {
  return `${variantPrefix(project, service)}${fallback}`;
}

/** The container of an image service: the program's name, whichever variant runs. */
export const containerName = (project: string, service: string): string => programName(project, service);

/**
 * A program's log file: `<log_dir>/<service>.log` (log_dir given without its trailing slashes), or
 * without a log_dir `/var/log/<program>.log`, in a folder every host has: supervisord refuses a
 * whole configuration that names a log file in a missing folder.
 */
export function logFile(project: string, logDir: string | undefined, service: string, fallback?: string): string {
  const variant = fallback === undefined ? '' : `--${fallback}`;
  return logDir === undefined ? `/var/log/${programName(project, service)}${variant}.log` : `${logDir}/${service}${variant}.log`;
}
