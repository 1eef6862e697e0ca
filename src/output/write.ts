import { join } from 'node:path';
import { previousFiles, readText, removeFile, writeAtomically } from './disk.js';
import { manifestName, type PlannedFile } from './plan.js';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/** Writes what changed, then removes the files the previous build wrote that this one does not. */
export function writeOutput(outDir: string, files: readonly PlannedFile[]): WriteReport {
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  const stale = previousFiles(outDir).filter((path) => !files.some((f) => f.path === path));
  const manifestLast = [...files.filter((f) => f.path !== manifestName), ...files.filter((f) => f.path === manifestName)];
  for (const file of manifestLast) {
    const target = join(outDir, file.path);
    if (readText(target) === file.content) {
      report.unchanged.push(file.path);
      continue;
    }
    writeAtomically(target, file.content);
    report.written.push(file.path);
  }
  for (const path of stale) {
    if (readText(join(outDir, path)) === undefined) continue;
    removeFile(join(outDir, path));
    report.removed.push(path);
  }
  return report;
}
