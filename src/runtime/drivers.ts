import type { TargetName } from '../model/types.js';
import type { DriverFactory } from './driver.js';

/** The runtime driver of each target that has one, loaded only when a runtime command runs. */
export const driverLoaders = {
  compose: async () => (await import('./compose/driver.js')).composeDriver,
  supervisor: async () => (await import('./supervisor/driver.js')).supervisorDriver,
  pm2: async () => (await import('./pm2/driver.js')).pm2Driver,
  systemd: async () => (await import('./systemd/driver.js')).systemdDriver,
} as const satisfies Partial<Record<TargetName, () => Promise<DriverFactory>>>;

export type RuntimeTarget = keyof typeof driverLoaders;
export const runtimeTargets = Object.keys(driverLoaders) as RuntimeTarget[];
