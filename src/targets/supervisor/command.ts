import type { Command, Service } from '../../model/types.js';
import { dockerRun } from './docker.js';
import { specPath } from './paths.js';

/** The program's argv: the service's command, in a container or behind its env files. */
export function programArgv(service: Service, container: string, sourceDir: string): string[] {
  const args = service.command ? commandArgv(service.command) : [];
  if (service.kind === 'container') return dockerRun(service, container, args, sourceDir);
  const files = service.envFiles.map((file) => specPath(file, sourceDir));
  return files.length > 0 ? ['/bin/sh', '-c', sourceFiles(files.length), 'sh', ...files, ...args] : args;
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
