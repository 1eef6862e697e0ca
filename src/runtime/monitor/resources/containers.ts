import { execa } from 'execa';
import type { Footprint } from '../../footprint.js';

/**
 * The full ids of the running containers of each service, from one `docker ps`: by the exact names
 * its footprint gives, or by Compose's project and service labels. Empty when the engine does not answer.
 */
export async function runningContainerIds(footprints: ReadonlyMap<string, Footprint>): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  const wanted = [...footprints].filter(([, f]) => f.elsewhere === undefined && (f.containers.length > 0 || (f.compose?.services.length ?? 0) > 0));
  if (wanted.length === 0) return ids;
  const format = '{{.ID}}\t{{.Names}}\t{{.Label "com.docker.compose.project"}}\t{{.Label "com.docker.compose.service"}}';
  const result = await execa('docker', ['ps', '--no-trunc', '--format', format], { reject: false, timeout: 10_000 });
  if (result.exitCode !== 0) return ids;
  for (const line of result.stdout.split('\n').filter(Boolean)) {
    const [id, name, project, service] = line.split('\t');
    const owner = wanted.find(([, f]) => f.containers.includes(name!) || (f.compose?.project === project && f.compose.services.includes(service!)));
    if (owner) ids.set(owner[0], [...(ids.get(owner[0]) ?? []), id!]);
  }
  return ids;
}
