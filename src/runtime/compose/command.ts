import { execa } from 'execa';
import which from '../which.js';

/**
 * Compose v2 (`docker compose`) when it answers, else v1 (`docker-compose`) when it is on PATH.
 * v1 is found without running it: it is a Python program that takes about half a second to start.
 */
export async function composeCommand(): Promise<string[] | undefined> {
  if ((await execa('docker', ['compose', 'version'], { reject: false })).exitCode === 0) return ['docker', 'compose'];
  if (await which('docker-compose')) return ['docker-compose'];
  return undefined;
}
