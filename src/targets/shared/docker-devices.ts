import { deviceText } from '../../model/devices.js';
import type { Service } from '../../model/types.js';

/** `--device HOST:CONTAINER:PERMISSIONS` for each device, the one piece every `docker run` a target writes shares. */
export function deviceArgs(service: Service): string[] {
  return service.devices.flatMap((device) => ['--device', deviceText(device)]);
}
