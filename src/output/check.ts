import { join } from 'node:path';
import { previousFiles, readText } from './disk.js';
import type { PlannedFile } from './plan.js';

export interface Drift {
  missing: string[];
  changed: string[];
  extra: string[];
}

/** Compares the planned files with the output folder, writing nothing. */
export function checkOutput(outDir: string, files: readonly PlannedFile[]): Drift {
  const drift: Drift = { missing: [], changed: [], extra: [] };
  for (const file of files) {
    const actual = readText(join(outDir, file.path));
    if (actual === undefined) drift.missing.push(file.path);
    else if (actual !== file.content) drift.changed.push(file.path);
  }
  const planned = new Set(files.map((f) => f.path));
  drift.extra = previousFiles(outDir).filter((path) => !planned.has(path) && readText(join(outDir, path)) !== undefined);
  return drift;
}

export function hasDrift(drift: Drift): boolean {
  return drift.missing.length + drift.changed.length + drift.extra.length > 0;
}
