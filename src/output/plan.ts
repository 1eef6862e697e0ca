import { relative, resolve, sep } from 'node:path';
import type { Artifact } from '../targets/target.js';
import { withHeader } from './header.js';
import { manifestName } from './names.js';

export { manifestName };

export interface PlannedFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  content: string;
}

export interface Manifest {
  generator: 'orchgen';
  source: string;
  files: string[];
}

/** The exact files a build owns: each artifact with its header, and the manifest listing them. */
export function planFiles(artifacts: readonly Artifact[], specFile: string, outDir: string): PlannedFile[] {
  const source = relative(resolve(outDir), resolve(specFile)).split(sep).join('/');
  const files = artifacts
    .map((a) => ({ path: a.path, content: withHeader(a.path, a.content, source, a.notes) }))
    .sort((a, b) => comparePaths(a.path, b.path));
  const manifest: Manifest = { generator: 'orchgen', source, files: files.map((f) => f.path) };
  return [...files, { path: manifestName, content: `${JSON.stringify(manifest, null, 2)}\n` }];
}

/** Code-unit order, the same on every machine (no locale). */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
