import { composeSize } from '../size.js';
import { code, type ServiceContext } from './context.js';
import { dropSetting, keepNative } from './native.js';

type Map = Record<string, unknown>;

/**
 * `deploy`: memory and cpu limits → `resources`, the GPU device reservation → `gpu`; everything else
 * (replicas, placement, other reservations, ...) stays under native.compose.deploy, which Compose
 * merges key by key with what orchgen generates.
 */
export function convertDeploy(ctx: ServiceContext, value: unknown): void {
  if (!isMap(value)) return dropSetting(ctx, ['deploy'], value, 'not a map');
  const rest = structuredClone(value);
  const limits = child(child(rest, 'resources'), 'limits');
  if (limits?.memory !== undefined && setMemory(ctx, limits.memory, ['deploy', 'resources', 'limits', 'memory'])) delete limits.memory;
  if (limits?.cpus !== undefined && setCpus(ctx, limits.cpus)) delete limits.cpus;
  const reservations = child(child(rest, 'resources'), 'reservations');
  const devices = reservations?.devices;
  if (Array.isArray(devices)) {
    const at = ['deploy', 'resources', 'reservations', 'devices'];
    const index = devices.findIndex((d) => isMap(d) && Array.isArray(d.capabilities) && d.capabilities.includes('gpu'));
    if (index >= 0) {
      setGpu(ctx, devices[index] as Map, [...at, index]);
      devices.forEach((device, i) => i !== index && dropSetting(ctx, [...at, i], device, 'orchgen reserves GPUs only, one request per service'));
      delete reservations!.devices;
    }
  }
  prune(rest);
  if (Object.keys(rest).length > 0) {
    keepNative(ctx, 'deploy', rest, `${leafPaths(rest).join(', ')} ${leafPaths(rest).length === 1 ? 'has' : 'have'} no place in orchgen's spec`);
  }
}

/** `gpus: all` or a list of device requests (Compose v2). */
export function convertGpus(ctx: ServiceContext, value: unknown): void {
  if (value === 'all') return void (ctx.out.gpu = { count: 'all' });
  if (Array.isArray(value) && isMap(value[0])) {
    setGpu(ctx, value[0], ['gpus', 0]);
    value.slice(1).forEach((device, i) => dropSetting(ctx, ['gpus', i + 1], device, 'orchgen takes one GPU request per service'));
    return;
  }
  dropSetting(ctx, ['gpus'], value, 'not `all` or a list of device requests');
}

/** Compose v2's service-level `mem_limit` and `cpus`, when `deploy` did not set them. */
export function convertLimit(ctx: ServiceContext, key: 'mem_limit' | 'cpus', value: unknown): void {
  const resources = ctx.out.resources as Map | undefined;
  const field = key === 'mem_limit' ? 'memory' : 'cpus';
  if (resources?.[field] !== undefined) return keepNative(ctx, key, value, 'deploy.resources.limits already sets it');
  const set = key === 'mem_limit' ? setMemory(ctx, value, [key]) : setCpus(ctx, value);
  if (!set) keepNative(ctx, key, value, `orchgen cannot read ${code(String(value))} as a ${field} limit`);
}

function setMemory(ctx: ServiceContext, value: unknown, at: string[]): boolean {
  const size = composeSize(value);
  if (!size) return false;
  if (size.rounded) ctx.warn('W204', `memory ${code(String(value))} of ${code(ctx.source)} rounded to ${size.text}`, at, true);
  resources(ctx).memory = size.text;
  return true;
}

function setCpus(ctx: ServiceContext, value: unknown): boolean {
  const cpus = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]*\.?[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!(cpus > 0)) return false;
  resources(ctx).cpus = cpus;
  return true;
}

function setGpu(ctx: ServiceContext, device: Map, at: Array<string | number>): void {
  const gpu: Map = {};
  if (Array.isArray(device.device_ids) && device.device_ids.length > 0) gpu.device_ids = device.device_ids.map(String);
  else if (device.count === undefined || device.count === 'all' || device.count === -1) gpu.count = 'all';
  else if (Number.isInteger(Number(device.count)) && Number(device.count) >= 1) gpu.count = Number(device.count);
  else return dropSetting(ctx, at, device, 'not a GPU count orchgen knows');
  const capabilities = Array.isArray(device.capabilities) ? device.capabilities.map(String) : ['gpu'];
  if (!(capabilities.length === 1 && capabilities[0] === 'gpu')) gpu.capabilities = capabilities;
  if (device.driver !== undefined && device.driver !== 'nvidia') {
    ctx.warn('W204', `GPU driver ${code(String(device.driver))} of ${code(ctx.source)}: orchgen asks for the nvidia driver`, [...at, 'driver'], true);
  }
  if (device.options !== undefined) dropSetting(ctx, [...at, 'options'], device.options, 'orchgen GPU requests have no driver options');
  ctx.out.gpu = gpu;
}

function resources(ctx: ServiceContext): Map {
  ctx.out.resources ??= {};
  return ctx.out.resources as Map;
}

function isMap(value: unknown): value is Map {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(map: Map | undefined, key: string): Map | undefined {
  const value = map?.[key];
  return isMap(value) ? value : undefined;
}

/** Removes empty maps, deepest first. */
function prune(map: Map): void {
  for (const [key, value] of Object.entries(map)) {
    if (!isMap(value)) continue;
    prune(value);
    if (Object.keys(value).length === 0) delete map[key];
  }
}

function leafPaths(map: Map, prefix = 'deploy'): string[] {
  return Object.entries(map).flatMap(([key, value]) => (isMap(value) && Object.keys(value).length > 0 && key !== 'labels' ? leafPaths(value, `${prefix}.${key}`) : [`${prefix}.${key}`]));
}
