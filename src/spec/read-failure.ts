import { resolve } from 'node:path';

/** Why a file could not be read, in a sentence that names where orchgen looked. */
export function readFailure(error: unknown, file: string, cwd = process.cwd()): { reason: string; hint?: string } {
  const where = resolve(cwd, file);
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return { reason: `no such file: ${where}`, hint: 'give the spec with -f, e.g. `-f path/to/orchgen.yaml`' };
    case 'EISDIR':
      return { reason: `${where} is a directory, not a file`, hint: 'give the file inside it with -f, e.g. `-f ' + `${file.replace(/\/+$/, '')}/orchgen.yaml\`` };
    case 'EACCES':
      return { reason: `permission denied: ${where}` };
    default:
      return { reason: `${where}: ${(error as Error).message}` };
  }
}
