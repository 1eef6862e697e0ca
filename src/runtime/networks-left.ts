import { execa } from 'execa';

/** Which of these networks the engine still has, as `docker network ls` lists them; an engine that does not answer leaves it unknown. */
export async function networksLeft(networks: readonly string[]): Promise<string[]> {
  if (networks.length === 0) return [];
  const result = await execa('docker', ['network', 'ls', '--format', '{{.Name}}'], { reject: false, timeout: 30_000 });
  if (result.exitCode !== 0) return [`networks unknown (docker network ls failed: ${(result.stderr || (result.message ?? '')).split('\n')[0]})`];
  const present = new Set(result.stdout.split('\n'));
  return networks.filter((name) => present.has(name)).map((name) => `network ${name}`);
}
