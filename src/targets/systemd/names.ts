import type { Model } from '../../model/types.js';

/**
 * Every name and path that the systemd renderer writes and the systemd runtime reads back: the one
 * place both take them from.
 */

export const unitName = (project: string, service: string): string => `${project}-${service}.service`;

export const targetUnitName = (project: string): string => `${project}.target`;

/** What `systemctl list-units` matches to find every unit of the stack. */
export const unitPattern = (project: string): string => `${project}-*`;

/** The container of an image service, also the PM2 and supervisord name. */
export const containerName = (project: string, service: string): string => `${project}-${service}`;

export const enginePath = (model: Model): string => `/usr/bin/${model.settings.systemd.engine}`;

/** Where system units are installed by default. */
export const systemUnitDir = '/etc/systemd/system';

/** The drop-in folder beside a unit, whose `*.conf` files systemd reads over it. */
export const dropInDir = (unit: string): string => `${unit}.d`;

/** The folder of a service's fallback drop-ins, relative to the artifacts folder. */
export const fallbackArtifactDir = (service: string): string => `fallbacks/${service}`;

/** The built drop-in of a fallback variant, relative to the artifacts folder. */
export const fallbackArtifactPath = (service: string, fallback: string): string => `${fallbackArtifactDir(service)}/${fallback}.conf`;

/** The one drop-in `orchgen up` installs to run a service as its fallback variant. */
export const activeFallbackDropIn = 'orchgen-fallback.conf';

/** A service's secrets file in the secrets folder; a fallback variant with secrets of its own has its own file. */
export const secretsFileName = (service: string, fallback?: string): string => (fallback === undefined ? `${service}.env` : `${service}--${fallback}.env`);

/** The `env_required` values of the whole stack, in the secrets folder; `_` keeps it apart from every service's file. */
export const requiredEnvFileName = 'env_required.env';

/** The `env_optional` values of the whole stack that are set, beside it; a key not in it is not passed on. */
export const optionalEnvFileName = 'env_optional.env';
