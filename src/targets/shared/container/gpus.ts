import type { Gpu } from '../../../model/types.js';

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

/** Docker's `--gpus`; podman's CDI devices. */
export function gpuArgs(gpu: Gpu, engine: 'docker' | 'podman'): string[] {
  return engine === 'docker' ? ['--gpus', gpusFlag(gpu)] : cdiGpuDevices(gpu).flatMap((device) => ['--device', device]);
}
