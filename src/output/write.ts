import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { applyJournal } from './apply.js';
import { holdsFile } from './disk.js';
import { OutputStateError } from './errors.js';
import { commitJournal, readJournal, type Journal } from './journal.js';
import { previousFiles } from './manifest.js';
import { FolderLinks, unsafeReason } from './paths.js';
import type { PlannedFile } from './plan.js';
import { inScope, scopedPlan, type Scope } from './scope.js';
import { clearStaging, stageFiles } from './staging.js';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** An earlier build was killed after its commit point and this one finished it first. */
  finishedInterrupted: boolean;
}

/**
 * Brings the output folder to `files` so that a kill at any point leaves it as it was, as it should
 * be, or with a journal the next build completes: changed files are staged, a journal is committed
 * atomically, then applied. Stale files are only those the previous manifest lists, in the scope.
 */
export function writeOutput(outDir: string, planned: readonly PlannedFile[], scope?: Scope): WriteReport {
  const finishedInterrupted = finishInterruptedBuild(outDir);
  const links = new FolderLinks(outDir);
  const files = scopedPlan(outDir, planned, scope, links);
  refuseUnsafeTargets(files, links);
  const stale = staleFiles(outDir, files, scope, links);
  const newFolders = absentFolders(outDir, files);
  const each: PlannedFile[] = [];
  const whole: PlannedFile[] = [];
  const unchanged: string[] = [];
  const written: string[] = [];
  for (const file of files) {
    const inNewFolder = newFolders.has(topFolder(file.path));
    if (!inNewFolder && holdsFile(join(outDir, file.path), file)) {
      unchanged.push(file.path);
      continue;
    }
    (inNewFolder ? whole : each).push(file);
    written.push(file.path);
  }
  clearStaging(outDir);
  if (each.length + whole.length > 0 || stale.length > 0) {
    stageFiles(outDir, each, whole);
    const journal: Journal = { generator: 'orchgen', place: each.map((f) => f.path), folders: [...newFolders], remove: stale };
    commitJournal(outDir, journal);
    applyJournal(outDir, journal);
  }
  return { written, unchanged, removed: stale, finishedInterrupted };
}

/** A file's first folder below the output folder ('' for a file at its top). */
function topFolder(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The first folders of the planned files that are not in the output folder at all: each is placed whole, by one rename. */
function absentFolders(outDir: string, files: readonly PlannedFile[]): Set<string> {
  const folders = new Set(files.map((f) => topFolder(f.path)).filter((folder) => folder !== ''));
  return new Set([...folders].filter((folder) => lstatSync(join(outDir, folder), { throwIfNoEntry: false }) === undefined));
}

/** Rolls forward the journal of a build killed after its commit point, if there is one. */
function finishInterruptedBuild(outDir: string): boolean {
  const journal = readJournal(outDir);
  if (journal === undefined) return false;
  applyJournal(outDir, journal);
  return true;
}

function refuseUnsafeTargets(files: readonly PlannedFile[], links: FolderLinks): void {
  for (const file of files) {
    const reason = unsafeReason(file.path, links);
    if (reason !== undefined) throw new OutputStateError(file.path, `cannot write: ${reason}; nothing was changed`);
  }
}

/** Files the previous build wrote in the scope that this one does not, still present as regular files. */
function staleFiles(outDir: string, files: readonly PlannedFile[], scope: Scope, links: FolderLinks): string[] {
  const planned = new Set(files.map((f) => f.path));
  return previousFiles(outDir, links).filter((path) => inScope(path, scope) && !planned.has(path) && lstatSync(join(outDir, path), { throwIfNoEntry: false })?.isFile());
}
