import type { Gpu, Service } from '../../model/types.js';

/** CUDA_VISIBLE_DEVICES for a process: the device ids, or 0..N-1 for a count; nothing for all. */
export function cudaVisibleDevices(gpu: Gpu): string | undefined {
  if ('deviceIds' in gpu) return gpu.deviceIds.join(',');
  if (gpu.count === 'all') return undefined;
  return Array.from({ length: gpu.count }, (_, i) => String(i)).join(',');
}

/** The process environment: the service's env, plus CUDA_VISIBLE_DEVICES unless env sets it. */
export function processEnv(service: Service): Array<[string, string]> {
  const env = [...service.env];
  const devices = service.gpu && cudaVisibleDevices(service.gpu);
  if (devices !== undefined && !env.some(([key]) => key === 'CUDA_VISIBLE_DEVICES')) env.push(['CUDA_VISIBLE_DEVICES', devices]);
  return env;
}
