import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OutputStateError } from './errors.js';
import { FolderLinks, unsafeReason } from './paths.js';

/** The parsed JSON of an output record, undefined when the file is absent; refuses what is not JSON. */
export function readRecord(outDir: string, name: string, kind: string, advice: string): unknown {
  let text: string;
  try {
    text = readFileSync(join(outDir, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new OutputStateError(name, `cannot read the ${kind} (${code ?? (error as Error).message}); nothing was changed. ${advice}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OutputStateError(name, `corrupt ${kind}: not valid JSON (${(error as Error).message}); nothing was changed. ${advice}`);
  }
}

/** The list at `key` of a parsed record, each entry a safe path inside the output folder, or a refusal. */
export function pathList(record: unknown, key: string, where: { name: string; kind: string; advice: string }, links: FolderLinks): string[] {
  const list = fieldOf(record, key);
  const refuse = (why: string) => new OutputStateError(where.name, `corrupt ${where.kind}: ${why}; nothing was changed. ${where.advice}`);
  if (!Array.isArray(list)) throw refuse(`\`${key}\` is not a list of files`);
  for (const path of list) {
    const reason = unsafeReason(path, links);
    if (reason !== undefined) throw refuse(reason);
  }
  return list as string[];
}

/** The same, or no paths when the record has no `key` at all (one written before the key existed). */
export function optionalPathList(record: unknown, key: string, where: { name: string; kind: string; advice: string }, links: FolderLinks): string[] {
  return fieldOf(record, key) === undefined ? [] : pathList(record, key, where, links);
}

function fieldOf(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
}
