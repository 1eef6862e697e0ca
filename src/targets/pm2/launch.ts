import type { Command, Service } from '../../model/types.js';
import { containerLaunchArgs } from './container.js';
import { specPath, type JsValue } from './js.js';

/** What PM2 starts: `script` with `args` as an array (PM2 splits a string), never through an interpreter. */
export interface Launch {
  script: string;
  args: JsValue[];
  /** The process runs under /bin/sh, which sets some variables itself. */
  viaShell: boolean;
}

export function launch(project: string, service: Service): Launch {
  if (service.kind === 'container') return { script: '/bin/sh', args: containerLaunchArgs(project, service), viaShell: true };
  const argv = programArgv(service.command!);
  if (service.envFiles.length > 0) {
    const files = service.envFiles.map((file) => specPath(file));
    return { script: '/bin/sh', args: ['-c', sourceEnvFiles(files.length), 'sh', ...files, ...argv], viaShell: true };
  }
  const [script, ...args] = argv;
  return { script: script!, args, viaShell: service.command!.kind === 'shell' };
}

function programArgv(command: Command): string[] {
  return command.kind === 'exec' ? command.argv : ['/bin/sh', '-c', command.script];
}

/**
 * PM2 has no env_file: export each file's variables, then exec the program with its exact arguments.
 * A file is read literally, by the rules of `docker run --env-file` (which the containers use): blank
 * lines and lines starting with `#` are skipped, leading whitespace is dropped, KEY=VALUE sets KEY to
 * everything after the first `=` (no quotes, no `$`, no escapes), and a bare KEY passes the caller's value.
 */
function sourceEnvFiles(count: number): string {
  const readLine = 'line=${line#"${line%%[![:space:]]*}"}; case $line in "" | "#"*) ;; *=*) export "${line%%=*}=${line#*=}" ;; *) export "$line" ;; esac';
  return `for file in ${Array.from({ length: count }, (_, index) => `"$${index + 1}"`).join(' ')}; do ` +
    `while IFS= read -r line || [ -n "$line" ]; do ${readLine}; done < "$file" || exit 1; done; shift ${count}; exec "$@"`;
}
