import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileBytes, isFileText, type PlannedFile } from './plan.js';

export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether the file at `path` holds exactly the planned file's text; a missing file or one of another size is not read. */
export function holdsFile(path: string, file: PlannedFile): boolean {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.size !== fileBytes(file)) return false;
  const text = readText(path);
  return text !== undefined && isFileText(text, file);
}

/** Writes through a temporary file and a rename, so a reader sees the old file or the new one. */
export function writeAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${process.pid}.${Date.now()}.orchgen-tmp`);
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
