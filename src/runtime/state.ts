import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProcessRecord } from './process-record.js';

export interface ServiceRecord {
  /** The fallback variant running now, if any. */
  variant?: string;
  /** A digest of what the service runs: a change means it must be recreated. */
  fingerprint: string;
  /** Written false just before the start and true once it is ready: a crash in between leaves false. */
  ready?: boolean;
  /** Its main process, while the tool names one: stopped directly when the tool is gone. */
  process?: ProcessRecord;
}

export interface RuntimeState {
  project: string;
  target: string;
  services: Record<string, ServiceRecord>;
}

export interface LoadedState {
  state: RuntimeState;
  /** Set when the file was there but could not be used; the state is then empty. */
  warning?: string;
}

export function stateFile(stateDir: string): string {
  return join(stateDir, 'state.json');
}

export function readState(stateDir: string, project: string, target: string): RuntimeState {
  return loadState(stateDir, project, target).state;
}

/** The state `up` left, or an empty one: none yet, another project's, or a damaged file (with a warning). */
export function loadState(stateDir: string, project: string, target: string): LoadedState {
  const empty: RuntimeState = { project, target, services: {} };
  const path = stateFile(stateDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { state: empty };
  }
  try {
    const state = JSON.parse(text) as RuntimeState;
    if (!wellFormed(state)) throw new Error('not a state file');
    return { state: state.project === project && state.target === target ? state : empty };
  } catch (error) {
    return { state: empty, warning: `${path} is damaged (${printable((error as Error).message)}): ignoring it and asking ${target} what runs` };
  }
}

/** Written through a temporary file, flushed, and a rename: a crash leaves the old state or the new one. */
export function writeState(stateDir: string, state: RuntimeState): void {
  const path = stateFile(stateDir);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

function wellFormed(state: unknown): state is RuntimeState {
  if (typeof state !== 'object' || state === null) return false;
  const { project, target, services } = state as Partial<RuntimeState>;
  if (typeof project !== 'string' || typeof target !== 'string' || typeof services !== 'object' || services === null) return false;
  return Object.values(services).every((record) => typeof record === 'object' && record !== null && typeof record.fingerprint === 'string');
}

/** The parser quotes the file's text: its control characters are shown escaped, on one line. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
