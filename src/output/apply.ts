import { lstatSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FolderMaker, pruneEmptiedFolders } from './folders.js';
import type { Journal } from './journal.js';
import { journalName } from './names.js';
import { clearStaging, stagedTreePath, stagedPath } from './staging.js';

/**
 * Carries a committed journal out: removes the stale files, renames each staged folder and file
 * into place, then drops the journal and the staging folder. Safe to repeat after a kill at any
 * point: a file or folder already removed or placed (its staged copy gone) is skipped.
 */
export function applyJournal(outDir: string, journal: Journal): void {
  removeFiles(outDir, journal.remove);
  placeFolders(outDir, journal.folders);
  placeStaged(outDir, journal.place);
  rmSync(join(outDir, journalName), { force: true });
  clearStaging(outDir);
}

/** Only regular files: a folder or link now at a listed path is not a file orchgen wrote. */
function removeFiles(outDir: string, paths: readonly string[]): void {
  for (const path of paths) {
    if (lstatSync(join(outDir, path), { throwIfNoEntry: false })?.isFile()) unlinkSync(join(outDir, path));
  }
  pruneEmptiedFolders(outDir, paths);
}

/** One rename for a whole new folder, where placing its files one by one would take one each. */
function placeFolders(outDir: string, folders: readonly string[]): void {
  for (const folder of folders) {
    try {
      renameSync(stagedTreePath(outDir, folder), join(outDir, folder));
    } catch (error) {
      if (!placedBefore(error, stagedTreePath(outDir, folder))) throw error;
    }
  }
}

function placeStaged(outDir: string, paths: readonly string[]): void {
  const folders = new FolderMaker();
  paths.forEach((path, index) => {
    const target = join(outDir, path);
    folders.ensure(dirname(target));
    try {
      renameSync(stagedPath(outDir, index), target);
    } catch (error) {
      if (!placedBefore(error, stagedPath(outDir, index))) throw error;
    }
  });
}

function placedBefore(error: unknown, staged: string): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' && lstatSync(staged, { throwIfNoEntry: false }) === undefined;
}
