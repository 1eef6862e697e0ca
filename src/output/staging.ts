import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FolderMaker } from './folders.js';
import { stagingName } from './names.js';
import { PlannedFileWriter } from './file-writer.js';
import type { PlannedFile } from './plan.js';

export function stagedPath(outDir: string, index: number): string {
  return join(outDir, stagingName, String(index));
}

/** Where a folder placed whole, and each file in it, is staged: under `tree/`, at its own path (index names are digits only). */
export function stagedTreePath(outDir: string, path: string): string {
  return join(outDir, stagingName, 'tree', path);
}

/** Removes what a build killed before its commit point left behind (never followed if it is a link). */
export function clearStaging(outDir: string): void {
  rmSync(join(outDir, stagingName), { recursive: true, force: true });
}

/**
 * Writes the files to the staging folder: each one placed alone under its index in `each`, the
 * files of `whole` folders at their own paths below `tree/`. Nothing outside that folder changes.
 */
export function stageFiles(outDir: string, each: readonly PlannedFile[], whole: readonly PlannedFile[] = []): void {
  mkdirSync(join(outDir, stagingName), { recursive: true });
  const writer = new PlannedFileWriter();
  each.forEach((file, index) => writer.write(stagedPath(outDir, index), file));
  const folders = new FolderMaker();
  for (const file of whole) {
    const staged = stagedTreePath(outDir, file.path);
    folders.ensure(dirname(staged));
    writer.write(staged, file);
  }
}
