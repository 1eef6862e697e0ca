import { specSchema } from '../../spec/schema.js';
import type { ServiceContext } from './context.js';
import { keepNative } from './native.js';

let deviceForm: RegExp | undefined;

/** The spec's own form of a device, from the schema; Compose's short syntax is the same. */
function isDeviceText(item: unknown): boolean {
  type Schema = { definitions: { service: { properties: { devices: { items: { pattern: string } } } } } };
  deviceForm ??= new RegExp((specSchema() as unknown as Schema).definitions.service.properties.devices.items.pattern, 'u');
  return typeof item === 'string' && deviceForm.test(item);
}

/** `devices` in the short form orchgen writes too; anything else (a CDI name, the long form) stays for Compose. */
export function convertDevices(ctx: ServiceContext, value: unknown): void {
  if (Array.isArray(value) && value.every(isDeviceText)) {
    ctx.out.devices = [...(value as string[])];
    return;
  }
  keepNative(ctx, 'devices', value, 'orchgen reads devices as HOST[:CONTAINER[:PERMISSIONS]] only, not CDI names or the long form');
}
