import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { execa } from 'execa';
import type { Fallback, Gpu, Service } from '../model/types.js';
import type { Driver, RuntimeContext } from './driver.js';
import { targetServices } from './services.js';

export interface Preflight {
  /** Each says what is wrong and what to do. */
  problems: string[];
  /** Decisions taken up front, e.g. a fallback chosen because fewer GPUs are present. */
  notes: string[];
  preselected: Map<string, Fallback>;
}

/** Every problem that would stop `up`, found before anything starts. */
export async function preflight(context: RuntimeContext, driver: Driver, specDir: string): Promise<Preflight> {
  const services = targetServices(context.model, driver.target);
  const result: Preflight = { problems: await driver.preflight(), notes: [], preselected: new Map() };
  for (const service of services) {
    for (const key of service.envRequired) {
      if (context.env[key] === undefined) result.problems.push(`${service.name}: ${key} is not set: export it before \`orchgen up\` (it is in env_required)`);
    }
    for (const volume of service.volumes) {
      const source = isAbsolute(volume.source) ? volume.source : join(specDir, volume.source);
      if (volume.kind === 'bind' && !existsSync(source)) result.problems.push(`${service.name}: volume source ${source} does not exist: create it or fix \`volumes\``);
    }
  }
  result.problems.push(...(await takenPorts(services, driver)));
  await chooseForGpus(services, result);
  return result;
}

async function takenPorts(services: readonly Service[], driver: Driver): Promise<string[]> {
  const problems: string[] = [];
  for (const service of services) {
    if ((await driver.state(service)).running) continue;
    for (const port of service.ports) {
      if (port.protocol !== 'tcp') continue;
      const host = port.hostIp ?? '0.0.0.0';
      if (!(await canListen(host, port.host))) problems.push(`${service.name}: host port ${host}:${port.host} is already taken: stop what listens there or change \`ports\``);
    }
  }
  return problems;
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: host.replace(/^\[|\]$/g, ''), port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function chooseForGpus(services: readonly Service[], result: Preflight): Promise<void> {
  const wanting = services.filter((s) => s.gpu !== undefined);
  if (wanting.length === 0) return;
  const present = await gpuCount();
  for (const service of wanting) {
    const needed = gpusNeeded(service.gpu);
    if (needed <= present) continue;
    const fallback = service.fallbacks.find((f) => gpusNeeded(f.service.gpu) <= present);
    if (fallback) {
      result.preselected.set(service.name, fallback);
      result.notes.push(`${service.name}: needs ${needed} GPU(s), ${present} present: starting it as fallback \`${fallback.name}\``);
    } else {
      result.problems.push(`${service.name}: needs ${needed} GPU(s), ${present} present (nvidia-smi -L), and no fallback needs fewer: add one, or run on a machine with GPUs`);
    }
  }
}

function gpusNeeded(gpu: Gpu | undefined): number {
  if (gpu === undefined) return 0;
  if ('deviceIds' in gpu) return gpu.deviceIds.length;
  return gpu.count === 'all' ? 1 : gpu.count;
}

/** GPUs `nvidia-smi -L` lists; none when it is missing or fails. */
export async function gpuCount(): Promise<number> {
  const result = await execa('nvidia-smi', ['-L'], { reject: false });
  if (result.exitCode !== 0) return 0;
  return result.stdout.split('\n').filter((line) => line.startsWith('GPU ')).length;
}
