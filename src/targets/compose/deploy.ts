import type { Gpu, Service } from '../../model/types.js';
import type { YamlMap } from '../shared/yaml.js';

/** `deploy.resources`: limits from `resources`, GPUs as device reservations. */
export function deploy(service: Service): YamlMap | undefined {
  const resources: YamlMap = {};
  const limits: YamlMap = {};
  if (service.resources.memoryBytes !== undefined) limits.memory = memoryText(service.resources.memoryBytes);
  if (service.resources.cpus !== undefined) limits.cpus = service.resources.cpus;
  if (Object.keys(limits).length > 0) resources.limits = limits;
  if (service.gpu) resources.reservations = { devices: [gpuDevice(service.gpu)] };
  return Object.keys(resources).length > 0 ? { resources } : undefined;
}

function gpuDevice(gpu: Gpu): YamlMap {
  const which = 'deviceIds' in gpu ? { device_ids: gpu.deviceIds } : { count: gpu.count };
  return { driver: 'nvidia', ...which, capabilities: gpu.capabilities };
}

const units: Array<[string, number]> = [
  ['g', 1024 ** 3],
  ['m', 1024 ** 2],
  ['k', 1024],
];

/** Bytes in the largest unit that divides them: 536870912 → "512m"; plain digits otherwise. */
export function memoryText(bytes: number): string {
  for (const [suffix, size] of units) if (bytes > 0 && bytes % size === 0) return `${bytes / size}${suffix}`;
  return String(bytes);
}
