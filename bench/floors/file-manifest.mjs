// The regular files under a folder with their sizes, for the write-files floor.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** @returns {{ dirs: string[], files: [string, number][], bytes: number }} paths relative to `root` */
export function fileManifest(root) {
  const dirs = [];
  const files = [];
  let bytes = 0;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(entry.parentPath ?? entry.path, entry.name));
    if (entry.isDirectory()) dirs.push(path);
    else if (entry.isFile()) {
      const size = statSync(join(root, path)).size;
      files.push([path, size]);
      bytes += size;
    }
  }
  return { dirs: dirs.sort(), files, bytes };
}
