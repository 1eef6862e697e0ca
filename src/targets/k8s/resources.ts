import type { Gpu } from '../../model/types.js';
import { listByAbout } from '../shared/finding.js';
import { warn, type Scope } from './scope.js';
import type { YamlMap } from '../shared/yaml.js';

export const gpuResource = 'nvidia.com/gpu';

/** Memory and CPU as both request and limit (the scheduler reserves what the spec allows), GPUs as a limit. */
export function resourcesOf(scope: Scope): YamlMap | undefined {
  const { resources } = scope.service;
  const sized: YamlMap = {};
  if (resources.cpus !== undefined) sized.cpu = cpuText(scope, resources.cpus);
  if (resources.memoryBytes !== undefined) sized.memory = memoryText(resources.memoryBytes);
  const limits: YamlMap = { ...sized };
  if (scope.service.gpu) limits[gpuResource] = gpuCount(scope, scope.service.gpu);
  if (Object.keys(limits).length === 0) return undefined;
  return Object.keys(sized).length > 0 ? { requests: sized, limits } : { limits };
}

const memoryUnits: Array<[string, number]> = [
  ['Ti', 1024 ** 4],
  ['Gi', 1024 ** 3],
  ['Mi', 1024 ** 2],
  ['Ki', 1024],
];

/** Bytes in the largest binary unit that divides them: 536870912 → "512Mi"; plain bytes otherwise. */
export function memoryText(bytes: number): string {
  for (const [suffix, size] of memoryUnits) if (bytes > 0 && bytes % size === 0) return `${bytes / size}${suffix}`;
  return String(bytes);
}

/** Cores as millicores, 1.5 → "1500m"; Kubernetes has no finer unit. */
function cpuText(scope: Scope, cpus: number): string {
  const millis = Math.max(1, Math.round(cpus * 1000));
  if (Math.abs(millis - cpus * 1000) > 1e-6) {
    const name = scope.service.name;
    warn(scope, `cannot give \`${name}\` ${cpus} CPUs exactly (\`resources.cpus\`): the unit is a millicore, ${millis}m is used`, scope.at('resources', 'cpus'), `${name}: cpus ${cpus} rounded to ${millis}m.`);
  }
  return `${millis}m`;
}

/** The device plugin hands out a number of GPUs: it cannot take "all" or choose devices. */
function gpuCount(scope: Scope, gpu: Gpu): number {
  const name = scope.service.name;
  const at = scope.at('gpu');
  if (!gpu.capabilities.every((c) => c === 'gpu')) {
    const cause = { key: 'k8s-gpu-capabilities', service: name, about: gpu.capabilities.join(', '), message: capabilitiesNotAsked };
    warn(scope, `cannot ask for GPU capabilities ${gpu.capabilities.join(', ')} of \`${name}\` (\`gpu.capabilities\`): the device plugin decides them`, at, `${name}: GPU capabilities are the device plugin's (set NVIDIA_DRIVER_CAPABILITIES in env to choose).`, cause);
  }
  if ('deviceIds' in gpu) {
    const count = gpu.deviceIds.length;
    warn(scope, `cannot pick GPUs ${gpu.deviceIds.join(', ')} for \`${name}\` (\`gpu.device_ids\`): ${count} GPU${count === 1 ? '' : 's'} requested, the scheduler picks which`, at, `${name}: ${count} GPU${count === 1 ? '' : 's'} (${gpuResource}) instead of devices ${gpu.deviceIds.join(', ')}: the scheduler picks which.`);
    return count;
  }
  if (gpu.count === 'all') {
    warn(scope, `cannot give \`${name}\` all of a node's GPUs (\`gpu.count: all\`): 1 GPU requested`, at, `${name}: 1 GPU (${gpuResource}) instead of all of them; raise it in native.k8s or the spec's gpu.count.`);
    return 1;
  }
  return gpu.count;
}

function capabilitiesNotAsked(services: ReadonlyMap<string, readonly string[]>): string {
  return `k8s cannot ask for GPU capabilities (\`gpu.capabilities\`): ${listByAbout(services, 'of')}; the device plugin decides them`;
}
