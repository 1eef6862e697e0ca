import { execa } from 'execa';
import type { Service } from '../model/types.js';
import { externalVolumeNames } from '../targets/shared/volume-name.js';

/**
 * The external volumes the services (and their fallback variants) mount that the engine does not
 * have, each named with the services that need it: as Compose refuses to start without one, and
 * where `docker run` would otherwise make a new, empty volume of that name. When the engine does
 * not answer, nothing is said here: the tool's own check says so.
 */
export async function missingExternalVolumes(project: string, services: readonly Service[]): Promise<string[]> {
  const users = new Map<string, string[]>();
  for (const service of services) {
    for (const variant of [service, ...service.fallbacks.map((f) => f.service)]) {
      if (variant.kind !== 'container') continue;
      for (const volume of externalVolumeNames(project, variant)) {
        const names = users.get(volume) ?? [];
        if (!names.includes(service.name)) names.push(service.name);
        users.set(volume, names);
      }
    }
  }
  const problems = await Promise.all([...users].map(async ([volume, names]) => ((await missing(volume)) ? [missingText(volume, names)] : [])));
  return problems.flat();
}

async function missing(volume: string): Promise<boolean> {
  const result = await execa('docker', ['volume', 'inspect', '--format', '{{.Name}}', volume], { reject: false, stdin: 'ignore' });
  return result.exitCode !== 0 && /no such volume/i.test(result.stderr);
}

function missingText(volume: string, services: readonly string[]): string {
  return `${services.join(', ')}: external volume ${volume} does not exist: create it (docker volume create ${volume}) or fix \`volumes\``;
}
