import { relative, resolve, sep } from 'node:path';
import type { Artifact } from '../targets/target.js';
import { headerOf } from './header.js';
import { manifestName } from './names.js';

export { manifestName };

export interface PlannedFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  /** The text after the header: all of it for a file without one. */
  content: string;
  /**
   * The generated-file header, written before `content`. Kept apart: joined, the two would become
   * one more copy of every file's text when it is written (see `fileText`).
   */
  header?: string;
}

/** The whole text of a planned file, joined: for a reader that needs it as one string. */
export function fileText(file: PlannedFile): string {
  return (file.header ?? '') + file.content;
}

/** Whether `text` is the planned file's text, compared piece by piece without joining them. */
export function isFileText(text: string, file: PlannedFile): boolean {
  const header = file.header ?? '';
  return text.length === header.length + file.content.length && text.startsWith(header) && text.endsWith(file.content);
}

/** Its size in UTF-8 bytes. */
export function fileBytes(file: PlannedFile): number {
  return Buffer.byteLength(file.header ?? '') + Buffer.byteLength(file.content);
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
    .map((a) => ({ path: a.path, header: headerOf(a.path, source, a.notes), content: a.content }))
    .sort((a, b) => comparePaths(a.path, b.path));
  const manifest: Manifest = { generator: 'orchgen', source, files: files.map((f) => f.path) };
  return [...files, { path: manifestName, content: `${JSON.stringify(manifest, null, 2)}\n` }];
}

/** Code-unit order, the same on every machine (no locale). */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
