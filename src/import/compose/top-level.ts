import type { Note, Path } from '../document.js';
import type { ImportCode } from '../warnings.js';
import { code } from './context.js';
import { inlineYaml } from './native.js';
import { isRecord } from './records.js';

/** A top-level definition, or a part of one, that the spec has no place for. */
export interface Dropped {
  /** From the top of the Compose file: `['networks', 'back']`, `['volumes', 'data', 'driver']`. */
  path: Path;
  value: unknown;
}

/** Top-level keys that carry nothing a service needs: the obsolete `version`, and `x-` templates. */
const ignoredTopLevel = /^(version|x-.*)$/;

/** What a top-level key holds beyond empty definitions (`back:`, `back: {}`), which mean nothing but their name. */
export function definedEntries(key: string, value: unknown): Dropped[] {
  if (value === undefined) return [];
  if (!isRecord(value)) return [{ path: [key], value }];
  return Object.entries(value)
    .filter(([, v]) => v !== null && !(isRecord(v) && Object.keys(v).length === 0))
    .map(([name, v]) => ({ path: [key, name], value: v }));
}

/** The top-level keys other than services and the project name that the import reads, in file order. */
export function definitionKeys(data: Record<string, unknown>): string[] {
  return Object.keys(data).filter((key) => key !== 'services' && key !== 'name' && !ignoredTopLevel.test(key));
}

/** One W205 for the dropped definitions of one top-level key, naming each, and each as a comment at the top. */
export function warnDropped(dropped: readonly Dropped[], why: string, warn: (code: ImportCode, message: string, path: Path) => void, notes: Note[], more = ''): void {
  if (dropped.length === 0) return;
  const named = dropped.map((d) => code(d.path.join('.'))).join(', ');
  warn('W205', `${named} dropped: ${why}${more}`, dropped[0]!.path);
  for (const d of dropped) notes.push({ path: [], text: `dropped ${d.path.join('.')}: ${inlineYaml(d.value)} (${why})` });
}
