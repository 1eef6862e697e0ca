import { previousFiles } from './manifest.js';
import { manifestName } from './names.js';
import type { FolderLinks } from './paths.js';
import { comparePaths, type Manifest, type PlannedFile } from './plan.js';

/**
 * The target folders a build owns. A build of only some targets leaves the files an earlier build
 * wrote for the others in place, and its manifest keeps listing them. Undefined: the whole folder.
 */
export type Scope = readonly string[] | undefined;

export function inScope(path: string, scope: Scope): boolean {
  return scope === undefined || scope.some((folder) => path.startsWith(`${folder}/`));
}

/** The planned files, with the manifest also listing what the previous one listed outside the scope. */
export function scopedPlan(outDir: string, files: readonly PlannedFile[], scope: Scope, links?: FolderLinks): PlannedFile[] {
  if (scope === undefined) return [...files];
  const kept = previousFiles(outDir, links).filter((path) => !inScope(path, scope));
  if (kept.length === 0) return [...files];
  return files.map((file) => (file.path === manifestName ? { path: file.path, content: withKept(file.content, kept) } : file));
}

function withKept(content: string, kept: readonly string[]): string {
  const manifest = JSON.parse(content) as Manifest;
  const files = [...new Set([...manifest.files, ...kept])].sort(comparePaths);
  return `${JSON.stringify({ ...manifest, files }, null, 2)}\n`;
}
