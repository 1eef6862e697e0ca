import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ServiceRecord {
  /** The fallback variant running now, if any. */
  variant?: string;
  /** A digest of what the service runs: a change means it must be recreated. */
  fingerprint: string;
}

export interface RuntimeState {
  project: string;
  target: string;
  services: Record<string, ServiceRecord>;
}

export function stateFile(stateDir: string): string {
  return join(stateDir, 'state.json');
}

export function readState(stateDir: string, project: string, target: string): RuntimeState {
  try {
    const state = JSON.parse(readFileSync(stateFile(stateDir), 'utf8')) as RuntimeState;
    if (state.project === project && state.target === target && typeof state.services === 'object') return state;
  } catch {
    // no state yet, or a damaged file: start from nothing
  }
  return { project, target, services: {} };
}

/** Written through a temporary file and a rename: a crash leaves the old state or the new one. */
export function writeState(stateDir: string, state: RuntimeState): void {
  const path = stateFile(stateDir);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, path);
}
