import { isAbsolute, relative } from 'node:path';
import type { Io } from '../io.js';

/** Sets the process's exit code; the entry exits with it. */
export type CommandResult = (code: number) => void;

/** The spec path as printed in diagnostics: relative to where orchgen runs. */
export function specFile(io: Io, file: string): string {
  return isAbsolute(file) ? relative(io.cwd, file) || file : file;
}
