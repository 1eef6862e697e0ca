import type { Model } from '../../model/types.js';

export const unitName = (project: string, service: string): string => `${project}-${service}.service`;

export const targetUnitName = (project: string): string => `${project}.target`;

/** The container of an image service, also the PM2 and supervisord name. */
export const containerName = (project: string, service: string): string => `${project}-${service}`;

export const enginePath = (model: Model): string => `/usr/bin/${model.settings.systemd.engine}`;
