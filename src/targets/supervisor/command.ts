import type { Command, Service } from '../../model/types.js';
import { containerArgv, type ContainerPlace } from './docker.js';
import { specPath } from './paths.js';
import { accountScript } from './account.js';
import { secretsScript } from './secrets.js';

/** The program's argv: the service's command, in a container or behind its account's variables, secrets and env files. */
export function programArgv(service: Service, place: ContainerPlace): string[] {
  const { sourceDir } = place;
  const secrets = secretsScript(service);
  if (service.kind === 'container') {
    const run = containerArgv(service, place);
    return secrets === '' ? run : ['/bin/sh', '-c', `${secrets}exec "$@"`, 'sh', ...run];
  }
  const args = service.command ? commandArgv(service.command) : [];
  const prefix = accountScript(service) + secrets;
  const files = service.envFiles.map((file) => specPath(file, sourceDir));
  if (files.length > 0) return ['/bin/sh', '-c', prefix + sourceFiles(files.length), 'sh', ...files, ...args];
  return prefix === '' ? args : ['/bin/sh', '-c', `${prefix}exec "$@"`, 'sh', ...args];
}

function commandArgv(command: Command): string[] {
  return command.kind === 'exec' ? command.argv : ['/bin/sh', '-c', command.script];
}

/** supervisord has no env files: a shell exports the first `count` arguments' assignments, then execs the rest. */
function sourceFiles(count: number): string {
  const sources = Array.from({ length: count }, (_, i) => `. "${positional(i + 1)}";`).join(' ');
  return `set -a; ${sources} set +a; shift ${count}; exec "$@"`;
}

function positional(n: number): string {
  return n < 10 ? `$${n}` : `\${${n}}`;
}
