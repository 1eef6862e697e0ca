/**
 * The names the supervisord conf gives things and `orchgen up` looks them up by: the renderer and the
 * runtime both take them from here.
 */

export const confFile = (project: string): string => `${project}.conf`;

/** The `[group:x]` holding the stack's programs. */
export const groupName = (project: string): string => project;

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

/** A program's log file in `log_dir` (given without its trailing slashes). */
export function logFile(logDir: string, service: string, fallback?: string): string {
  return `${logDir}/${service}${fallback === undefined ? '' : `--${fallback}`}.log`;
}
