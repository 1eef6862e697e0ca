import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ImportWarning } from './warnings.js';

/** Where the imported orchgen.yaml goes, and what the import may not guess. */
export interface ImportTarget {
  /** The folder of the orchgen.yaml (absolute). */
  outDir: string;
  /** What the first line's `$schema=` points at; none found: the header says how to add one. */
  schemaRef?: string;
  /** The project name; default: from the input. */
  project?: string;
}

export interface ImportResult {
  /** The orchgen.yaml, complete; absent when the input could not be read at all. */
  text?: string;
  warnings: ImportWarning[];
  /** Why nothing could be imported. */
  error?: string;
}

const schemaName = 'orchgen.schema.json';
const schemaPlaces = [schemaName, join('schema', schemaName), join('node_modules', 'orchgen', 'schema', schemaName)];

/**
 * The schema as seen from `outDir`: the nearest orchgen.schema.json in it or a folder above (also
 * under schema/ or node_modules/orchgen/schema/); undefined when there is none, since a reference
 * that does not resolve only makes editors complain.
 */
export function schemaRef(outDir: string, exists: (path: string) => boolean = existsSync): string | undefined {
  for (let dir = resolve(outDir); ; dir = dirname(dir)) {
    for (const place of schemaPlaces) {
      const candidate = join(dir, place);
      if (exists(candidate)) return relative(outDir, candidate).split(sep).join('/');
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** A path relative to `fromDir` (the input's folder), made relative to `toDir` (the output's). */
export function rebaser(fromDir: string, toDir: string): (path: string) => string {
  return (path) => {
    if (isAbsolute(path) || path.startsWith('~')) return path;
    return relative(toDir, resolve(fromDir, path)).split(sep).join('/') || '.';
  };
}

/** `# yaml-language-server: ...` first (or how to get it), then where the file came from. */
export function headerLines(ref: string | undefined, origin: string): string[] {
  if (ref !== undefined) return [`yaml-language-server: $schema=${ref}`, origin];
  return [`no ${schemaName} here or above: for editors, \`orchgen schema > ${schemaName}\`, then make this line: # yaml-language-server: $schema=${schemaName}`, origin];
}
