import { posix } from 'node:path';

/**
 * A path of the spec as it is where the stack runs: a relative one anchored at `project_dir`.
 * Absolute paths, `~` paths (the engine's user's home) and every path when `project_dir` is not set
 * stay as written.
 */
export function anchoredPath(path: string, projectDir: string | undefined): string {
  if (projectDir === undefined || path.startsWith('/') || path.startsWith('~')) return path;
  const joined = posix.normalize(posix.join(projectDir, path));
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** What to do about a relative path a target cannot place without `project_dir`. */
export function projectDirHint(path: string, project: string): string {
  if (path.startsWith('~')) return 'write an absolute path: `~` is expanded by a shell, which no unit runs the path through';
  const example = `/srv/${project}`;
  return `set \`project_dir\` to the folder the stack's files are in where it runs (\`project_dir: ${example}\` makes this ${anchoredPath(path, example)}), or write an absolute path`;
}
