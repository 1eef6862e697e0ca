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

/**
 * The value of `docker run --gpus`: a CSV record of count=/device=/capabilities= (docker always adds
 * the gpu capability itself); fields holding a comma are quoted.
 */
export function gpusFlag(gpu: Gpu): string {
  const fields = ['deviceIds' in gpu ? `device=${gpu.deviceIds.join(',')}` : `count=${gpu.count}`];
  const capabilities = gpu.capabilities.filter((c) => c !== 'gpu');
  if (capabilities.length > 0) fields.push(`capabilities=${capabilities.join(',')}`);
  if (fields.length === 1 && 'count' in gpu && gpu.count === 'all') return 'all';
  return fields.map((f) => (f.includes(',') ? `"${f}"` : f)).join(',');
}

/**
 * Podman reads `--gpus X` as the CDI device `nvidia.com/gpu=X`, so `count=2` names no device: GPUs go
 * as CDI devices. CDI names devices, never a count: a count is the first N indices.
 */
export function cdiGpuDevices(gpu: Gpu): string[] {
  if ('deviceIds' in gpu) return gpu.deviceIds.map((id) => `nvidia.com/gpu=${id}`);
  if (gpu.count === 'all') return ['nvidia.com/gpu=all'];
  return Array.from({ length: gpu.count }, (_, i) => `nvidia.com/gpu=${i}`);
}
