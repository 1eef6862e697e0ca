import type { Gpu, Service } from '../../model/types.js';
import { iniValue } from './ini.js';

/** The variables the program gets from supervisord: the service's env, and the GPUs of a host process. */
export function programEnv(service: Service): Array<[string, string]> {
  const env = [...service.env];
  const devices = service.kind === 'process' && service.gpu ? visibleDevices(service.gpu) : undefined;
  if (devices !== undefined && !env.some(([key]) => key === 'CUDA_VISIBLE_DEVICES')) env.push(['CUDA_VISIBLE_DEVICES', devices]);
  return env;
}

/** CUDA_VISIBLE_DEVICES for a host process; undefined (all devices) for `count: all`. */
export function visibleDevices(gpu: Gpu): string | undefined {
  if ('deviceIds' in gpu) return gpu.deviceIds.join(',');
  if (gpu.count === 'all') return undefined;
  return Array.from({ length: gpu.count }, (_, id) => String(id)).join(',');
}

/** `KEY="value",...`: double quotes unless the value has one, then single quotes. */
export function environmentValue(env: ReadonlyArray<readonly [string, string]>): string {
  const pairs = env.map(([key, value]) => (value.includes('"') ? `${key}='${value}'` : `${key}="${value}"`));
  return iniValue(pairs.join(','));
}
