import { posix } from 'node:path';
import { HERE } from './ini.js';

/**
 * A path from the spec as the program sees it: absolute as written; relative to the spec's folder
 * otherwise, reached from this conf's own folder (`%(here)s`) through `sourceDir`.
 */
export function specPath(path: string, sourceDir: string): string {
  if (path.startsWith('/')) return path;
  const relative = posix.normalize(posix.join(sourceDir, path)).replace(/\/$/, '');
  return relative === '.' ? HERE : `${HERE}/${relative}`;
}

export function isRelative(path: string): boolean {
  return !path.startsWith('/');
}
