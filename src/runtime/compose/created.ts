import { execa } from 'execa';

const serviceLabel = 'com.docker.compose.service';

/** The newest container of each service of the project (stopped and created ones too). */
export async function containersByService(project: string): Promise<Map<string, string>> {
  const format = `{{.ID}} {{.Label "${serviceLabel}"}}`;
  const args = ['ps', '-a', '--no-trunc', '--filter', `label=com.docker.compose.project=${project}`, '--format', format];
  const result = await execa('docker', args, { reject: false, timeout: 30_000 });
  if (result.exitCode !== 0) throw new Error(`docker ps failed: ${result.stderr.trim().split('\n')[0]}`);
  const byService = new Map<string, string>();
  // docker ps lists the newest first
  for (const line of result.stdout.split('\n')) {
    const [id, service] = line.split(' ');
    if (id && service && !byService.has(service)) byService.set(service, id);
  }
  return byService;
}

/** Starts a container Compose created; the error names the service and what the engine said. */
export async function startCreated(service: string, id: string): Promise<void> {
  const result = await execa('docker', ['start', id], { reject: false, all: true });
  if (result.exitCode !== 0) throw new Error(`starting ${service} failed: ${(result.all ?? '').trim().split('\n').slice(-3).join(' / ')}`);
}

/** Removes created containers nothing started; a container already gone is not an error. */
export async function removeCreated(ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await execa('docker', ['rm', '-f', ...ids], { reject: false });
}
