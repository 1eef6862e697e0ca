import { execa } from 'execa';
import type { Service } from '../model/types.js';

/** How long the registry may take to say whether an image exists. */
const registryTimeoutMs = 10_000;

/**
 * The images the services (and their fallback variants) run that are neither on this machine nor
 * pullable, each named with the services that need it. Present images cost one `docker image
 * inspect`; only a missing one makes the registry be asked, with `docker manifest inspect`, which
 * reads the image's manifest and downloads no layer. When the engine does not answer, nothing is
 * said here: the tool's own check says so.
 */
export async function unavailableImages(services: readonly Service[]): Promise<string[]> {
  const users = new Map<string, string[]>();
  for (const service of services) {
    for (const variant of [service, ...service.fallbacks.map((f) => f.service)]) {
      if (variant.kind !== 'container' || variant.image === undefined) continue;
      const names = users.get(variant.image) ?? [];
      if (!names.includes(service.name)) names.push(service.name);
      users.set(variant.image, names);
    }
  }
  const problems = await Promise.all([...users].map(async ([image, names]) => unavailable(image, names)));
  return problems.flatMap((problem) => problem ?? []);
}

async function unavailable(image: string, services: readonly string[]): Promise<string | undefined> {
  const local = await execa('docker', ['image', 'inspect', '--format', '{{.Id}}', image], { reject: false });
  if (local.exitCode === 0 || !/no such image/i.test(local.stderr)) return undefined;
  const remote = await execa('docker', ['manifest', 'inspect', image], {
    reject: false,
    timeout: registryTimeoutMs,
    env: { DOCKER_CLI_EXPERIMENTAL: 'enabled' },
  });
  if (remote.exitCode === 0) return undefined;
  const why = remote.timedOut ? `the registry did not answer in ${registryTimeoutMs / 1000}s` : firstLine(remote.stderr) || `docker manifest inspect exited with ${remote.exitCode}`;
  return `${services.join(', ')}: image ${image} is not on this machine and cannot be pulled (${why}): pull or load it (docker pull, docker load), or fix \`image\``;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}
