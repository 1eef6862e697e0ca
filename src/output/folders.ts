import { mkdirSync, rmdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Creates the folders files are placed in, each at most once per build. */
export class FolderMaker {
  private readonly made = new Set<string>();

  ensure(folder: string): void {
    if (this.made.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    this.made.add(folder);
  }
}

/** Removes the folders (below the output folder) that removing `files` left empty, deepest first. */
export function pruneEmptiedFolders(outDir: string, files: readonly string[]): void {
  const folders = new Set<string>();
  for (const file of files) {
    for (let folder = dirname(file); folder !== '.' && !folders.has(folder); folder = dirname(folder)) folders.add(folder);
  }
  const deepestFirst = [...folders].sort((a, b) => depth(b) - depth(a));
  for (const folder of deepestFirst) {
    try {
      rmdirSync(join(outDir, folder));
    } catch {
      // not empty (another file, the user's too), or already gone
    }
  }
}

function depth(path: string): number {
  let slashes = 0;
  for (const char of path) if (char === '/') slashes++;
  return slashes;
}
