/**
 * The names the PM2 files give things and `orchgen up` looks them up by: the renderer and the runtime
 * both take them from here.
 */

export const ecosystemFile = 'ecosystem.config.cjs';

/** A service's app, and a fallback variant's too: the variant replaces the app under the same name. */
export const appName = (project: string, service: string): string => `${project}-${service}`;

/** Every app of a project is in the namespace of its name. */
export const appNamespace = (project: string): string => project;

/** The container of an image service: the app's name, whichever variant runs. */
export const containerName = (project: string, service: string): string => appName(project, service);

/** A fallback variant's own file, relative to the ecosystem file's folder. */
export const fallbackFile = (service: string, fallback: string): string => `fallbacks/${service}.${fallback}.config.cjs`;

/** The log files of an app, in PM2's logs folder or in `log_dir`. */
export const logFileNames = (app: string): { out: string; error: string } => ({ out: `${app}-out.log`, error: `${app}-error.log` });
