import type { Gpu, Service } from '../../model/types.js';

/** The service's env in declaration order; a process with GPUs also gets CUDA_VISIBLE_DEVICES unless it sets it. */
export function appEnv(service: Service): Array<[string, string]> {
  const env = [...service.env];
  const devices = service.kind === 'process' && service.gpu ? visibleDevices(service.gpu) : undefined;
  if (devices !== undefined && !env.some(([key]) => key === 'CUDA_VISIBLE_DEVICES')) env.push(['CUDA_VISIBLE_DEVICES', devices]);
  return env;
}

/** `count: all` leaves the variable unset: every device stays visible. */
function visibleDevices(gpu: Gpu): string | undefined {
  if ('deviceIds' in gpu) return gpu.deviceIds.join(',');
  if (gpu.count === 'all') return undefined;
  return Array.from({ length: gpu.count }, (_, index) => String(index)).join(',');
}
