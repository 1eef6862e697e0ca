import type { Device } from './types.js';

/** `HOST[:CONTAINER[:PERMISSIONS]]`, already checked against the schema; CONTAINER defaults to HOST, PERMISSIONS to rwm. */
export function parseDevice(text: string): Device {
  const [host, container, permissions] = text.split(':') as [string, string?, string?];
  return { host, container: container ?? host, permissions: permissions ?? 'rwm' };
}

/** The `--device` value (and Compose's `devices:` entry), in its full three-part form. */
export function deviceText(device: Device): string {
  return `${device.host}:${device.container}:${device.permissions}`;
}
