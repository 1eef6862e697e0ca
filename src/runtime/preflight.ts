import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { execa } from 'execa';
import type { Fallback, Gpu, Service } from '../model/types.js';
import type { Driver, RuntimeContext } from './driver.js';
import { missingExternalVolumes } from './external-volumes.js';
import { unavailableImages } from './images.js';
import { canListen } from './ports.js';
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
  // The tool's checks (which may start its daemon, or load its client) run while the ports are tried.
  const local = runsDockerHere(driver);
  const images = local ? unavailableImages(services) : Promise.resolve([]);
  const volumes = local ? missingExternalVolumes(context.model.project, services) : Promise.resolve([]);
  const [toolProblems, portProblems, imageProblems, volumeProblems] = await Promise.all([driver.preflight(), takenPorts(services, driver), images, volumes]);
  const result: Preflight = { problems: toolProblems, notes: [], preselected: new Map() };
  for (const service of services) {
    for (const key of service.envRequired) {
      if (context.env[key] === undefined) result.problems.push(`${service.name}: ${key} is not set: export it before \`orchgen up\` (it is in env_required)`);
    }
    for (const { key, from } of secretsOf(service)) {
      if (context.env[from] === undefined) result.problems.push(`${service.name}: secret ${key} is read from ${from}, which is not set: export it before \`orchgen up\``);
    }
    for (const volume of service.volumes) {
      const source = isAbsolute(volume.source) ? volume.source : join(specDir, volume.source);
      if (volume.kind === 'bind' && !existsSync(source)) result.problems.push(`${service.name}: volume source ${source} does not exist: create it or fix \`volumes\``);
    }
  }
  result.problems.push(...portProblems, ...imageProblems, ...volumeProblems);
  await chooseForGpus(services, result);
  return result;
}

/** The images are pulled by this machine's Docker engine: not so for a tool on another host or in a container (systemd's --host, --systemctl). */
function runsDockerHere(driver: Driver): boolean {
  return driver.localEngine ?? true;
}

/** The secrets of the service and of its fallback variants (one of them may be started instead), each once. */
function secretsOf(service: Service): Service['secrets'] {
  const all = [service, ...service.fallbacks.map((f) => f.service)].flatMap((s) => s.secrets);
  return all.filter((secret, index) => all.findIndex((s) => s.key === secret.key && s.from === secret.from) === index);
}

/** Host ports something else listens on; the tool is asked only about a service whose port is taken (it may hold it itself). */
async function takenPorts(services: readonly Service[], driver: Driver): Promise<string[]> {
  const perService = await Promise.all(
    services.map(async (service) => {
      const taken: string[] = [];
      for (const port of service.ports) {
        if (port.protocol !== 'tcp') continue;
        const host = port.hostIp ?? '0.0.0.0';
        if (!(await canListen(host, port.host))) taken.push(`${service.name}: host port ${host}:${port.host} is already taken: stop what listens there or change \`ports\``);
      }
      return taken.length > 0 && (await driver.state(service)).running ? [] : taken;
    }),
  );
  return perService.flat();
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
