import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { manifestName, type Manifest } from './plan.js';

export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The files the previous build wrote, from its manifest. */
export function previousFiles(outDir: string): string[] {
  const text = readText(join(outDir, manifestName));
  if (text === undefined) return [];
  try {
    const manifest = JSON.parse(text) as Partial<Manifest>;
    return Array.isArray(manifest.files) ? manifest.files.filter((f): f is string => typeof f === 'string' && isInside(f)) : [];
  } catch {
    return [];
  }
}

/** A manifest entry is trusted only when it stays inside the output folder. */
function isInside(path: string): boolean {
  return !path.startsWith('/') && !path.split('/').includes('..');
}

/** Writes through a temporary file and a rename, so a reader sees the old file or the new one. */
export function writeAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${process.pid}.${Date.now()}.orchgen-tmp`);
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
