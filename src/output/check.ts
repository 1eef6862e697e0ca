import { join } from 'node:path';
import { readText } from './disk.js';
import { journalPending } from './journal.js';
import { previousFiles } from './manifest.js';
import { isFileText, type PlannedFile } from './plan.js';
import { inScope, scopedPlan, type Scope } from './scope.js';

export interface Drift {
  missing: string[];
  changed: string[];
  extra: string[];
  /** A killed build left a journal: the folder is mid-update until `orchgen build` finishes it. */
  interrupted: boolean;
}

/** Compares the planned files with the output folder (only the scope's folders), writing nothing. */
export function checkOutput(outDir: string, planned: readonly PlannedFile[], scope?: Scope): Drift {
  const files = scopedPlan(outDir, planned, scope);
  const drift: Drift = { missing: [], changed: [], extra: [], interrupted: journalPending(outDir) };
  for (const file of files) {
    const actual = readText(join(outDir, file.path));
    if (actual === undefined) drift.missing.push(file.path);
    else if (!isFileText(actual, file)) drift.changed.push(file.path);
  }
  const paths = new Set(files.map((f) => f.path));
  drift.extra = previousFiles(outDir).filter((path) => inScope(path, scope) && !paths.has(path) && readText(join(outDir, path)) !== undefined);
  return drift;
}

export function hasDrift(drift: Drift): boolean {
  return drift.interrupted || drift.missing.length + drift.changed.length + drift.extra.length > 0;
}
