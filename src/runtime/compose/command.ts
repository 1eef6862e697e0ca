import { execa } from 'execa';
import which from '../which.js';

/** The environment variable that forces one Compose CLI: `v2`, `v1` or `auto` (the default). */
export const COMPOSE_CLI_VARIABLE = 'ORCHGEN_COMPOSE';

/** The Compose command line to run, or why there is none. */
export type ComposeCommand = { argv: string[] } | { problem: string };

const V2 = ['docker', 'compose'];
const V1 = ['docker-compose'];

const v2Answers = async () => (await execa('docker', ['compose', 'version'], { reject: false, stdin: 'ignore' })).exitCode === 0;
// v1 is found without running it: it is a Python program that takes about half a second to start.
const v1Found = async () => (await which('docker-compose')) !== undefined;

/**
 * Compose v2 (`docker compose`) when it answers, else v1 (`docker-compose`) when it is on PATH;
 * ORCHGEN_COMPOSE=v2 or =v1 asks for one of them only.
 */
export async function composeCommand(choice = process.env[COMPOSE_CLI_VARIABLE] ?? ''): Promise<ComposeCommand> {
  switch (choice.trim().toLowerCase()) {
    case 'v2':
      return (await v2Answers()) ? { argv: V2 } : { problem: `${COMPOSE_CLI_VARIABLE}=v2, but \`docker compose version\` does not answer: install the Compose v2 plugin` };
    case 'v1':
      return (await v1Found()) ? { argv: V1 } : { problem: `${COMPOSE_CLI_VARIABLE}=v1, but \`docker-compose\` is not on PATH: install docker-compose` };
    case '':
    case 'auto':
      if (await v2Answers()) return { argv: V2 };
      if (await v1Found()) return { argv: V1 };
      return { problem: 'neither `docker compose` (v2) nor `docker-compose` (v1) is installed: install the compose plugin or docker-compose' };
    default:
      return { problem: `${COMPOSE_CLI_VARIABLE}=${choice} is not one of v2, v1, auto` };
  }
}
