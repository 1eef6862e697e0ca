import type { Command, Service } from '../../../model/types.js';

/** A command's argv: exec form as written, shell form through /bin/sh -c. */
export function commandWords(command: Command): string[] {
  return command.kind === 'exec' ? [...command.argv] : ['/bin/sh', '-c', command.script];
}

/**
 * Where the service's entrypoint and command go in `docker run`: `--entrypoint` takes one word, the
 * program, so the entrypoint's other words come first after the image, before the command, as the
 * engine itself joins ENTRYPOINT and CMD. Without an entrypoint the image's stays and the command
 * follows the image.
 */
export function entrypointSplit(service: Service): { flag: string[]; afterImage: string[] } {
  const command = service.command === undefined ? [] : commandWords(service.command);
  if (service.entrypoint === undefined) return { flag: [], afterImage: command };
  const [program, ...rest] = commandWords(service.entrypoint);
  return { flag: ['--entrypoint', program!], afterImage: [...rest, ...command] };
}
