import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { applyJournal } from './apply.js';
import { holdsText } from './disk.js';
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
  const changed: PlannedFile[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    if (holdsText(join(outDir, file.path), file.content)) unchanged.push(file.path);
    else changed.push(file);
  }
  clearStaging(outDir);
  if (changed.length > 0 || stale.length > 0) {
    stageFiles(outDir, changed);
    const journal: Journal = { generator: 'orchgen', place: changed.map((f) => f.path), remove: stale };
    commitJournal(outDir, journal);
    applyJournal(outDir, journal);
  }
  return { written: changed.map((f) => f.path), unchanged, removed: stale, finishedInterrupted };
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
