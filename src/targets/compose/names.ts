/**
 * The names the Compose files give things and `orchgen up` looks them up by: the renderer and the
 * runtime both take them from here.
 */

export const composeFileName = 'compose.yaml';

/** Beside the Compose file: it names the project (COMPOSE_PROJECT_NAME). */
export const envFileName = '.env';

/** The Compose project: orchgen's project name as it is, in `.env` and in `-p`. */
export const projectName = (project: string): string => project;

/** A fallback variant's override file, relative to the Compose file's folder. */
export const overrideFile = (service: string, fallback: string): string => `fallbacks/${service}.${fallback}.yaml`;
