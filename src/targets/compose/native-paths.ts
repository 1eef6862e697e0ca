import { fromSpecFolder } from './mounts.js';

/** A build context Compose resolves itself: a URL, a git remote, an absolute or `~` path. */
const notAPath = /^([a-z][a-z0-9+.-]*:\/\/|git@|\/|~)/i;

/**
 * `native.compose` with its build context, relative to the spec's folder like every path of the
 * spec, made relative to the Compose file's folder wherever `orchgen build -o` writes it.
 */
export function nativeWithPaths(native: Record<string, unknown> | undefined, sourceDir: string): Record<string, unknown> {
  if (!native || !('build' in native)) return native ?? {};
  const rebase = (context: unknown) => (typeof context === 'string' && !notAPath.test(context) ? fromSpecFolder(context, sourceDir) : context);
  const build = native.build;
  if (typeof build === 'string') return { ...native, build: rebase(build) };
  if (typeof build === 'object' && build !== null && 'context' in build) return { ...native, build: { ...build, context: rebase((build as { context: unknown }).context) } };
  return native;
}
