import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stagingName } from './names.js';
import type { PlannedFile } from './plan.js';

export function stagedPath(outDir: string, index: number): string {
  return join(outDir, stagingName, String(index));
}

/** Removes what a build killed before its commit point left behind (never followed if it is a link). */
export function clearStaging(outDir: string): void {
  rmSync(join(outDir, stagingName), { recursive: true, force: true });
}

/** Writes each file to the staging folder under its index: nothing outside that folder changes. */
export function stageFiles(outDir: string, files: readonly PlannedFile[]): void {
  mkdirSync(join(outDir, stagingName), { recursive: true });
  files.forEach((file, index) => writeFileSync(stagedPath(outDir, index), file.content));
}
