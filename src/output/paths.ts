import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { journalName, stagingName } from './names.js';

/** Why `path` is not a plain relative path inside the output folder (forward slashes), or undefined. */
export function pathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'an entry is not a file path';
  const shown = `\`${path}\``;
  if (path.startsWith('/')) return `${shown} is an absolute path`;
  if (path.includes('\0') || path.includes('\\')) return `${shown} holds a NUL byte or a backslash`;
  const parts = path.split('/');
  if (parts.includes('..')) return `${shown} leads out of the output folder`;
  if (parts.some((part) => part === '' || part === '.')) return `${shown} is not a plain relative path`;
  if (parts[0] === journalName || parts[0] === stagingName) return `${shown} is orchgen's own bookkeeping`;
  return undefined;
}

/** Finds symbolic links among the folders of output paths, looking at each folder once. */
export class FolderLinks {
  private readonly plain = new Set<string>();

  constructor(private readonly outDir: string) {}

  /** The first folder on the way to `path` that is a symbolic link, or undefined. */
  linkOn(path: string): string | undefined {
    const parts = path.split('/');
    let folder = '';
    for (const part of parts.slice(0, -1)) {
      folder = folder === '' ? part : `${folder}/${part}`;
      if (this.plain.has(folder)) continue;
      const stat = lstatSync(join(this.outDir, folder), { throwIfNoEntry: false });
      if (stat?.isSymbolicLink()) return folder;
      // Missing: nothing below it exists, and what orchgen creates there is a plain folder.
      if (!stat?.isDirectory()) return undefined;
      this.plain.add(folder);
    }
    return undefined;
  }
}

/** Why orchgen must not act on `path`: not plain, or reached through a symbolic link; or undefined. */
export function unsafeReason(path: unknown, links: FolderLinks): string | undefined {
  const problem = pathProblem(path);
  if (problem !== undefined) return problem;
  const link = links.linkOn(path as string);
  return link === undefined ? undefined : `\`${link}\` (on the way to \`${path as string}\`) is a symbolic link, and orchgen follows no link out of the output folder`;
}
