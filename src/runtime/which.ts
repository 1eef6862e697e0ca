import { execa } from 'execa';

/** The absolute path of a command on PATH, or undefined. */
export default async function which(command: string): Promise<string | undefined> {
  const result = await execa('sh', ['-c', 'command -v "$1"', 'sh', command], { reject: false });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}
