import { spawn } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import { journalName, stagingName } from '../../src/output/names.js';
import { cliEntry } from '../cli/run.js';

export { journalName, stagingName };

/** Every file below `dir` (links too, as their target path) with its bytes; the build's own bookkeeping left out when asked. */
export function treeOf(dir: string, options: { bookkeeping?: boolean } = {}): Map<string, Buffer> {
  const tree = new Map<string, Buffer>();
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return tree;
  }
  for (const name of entries.sort()) {
    if (!options.bookkeeping && (name === journalName || name === stagingName || name.startsWith(`${stagingName}/`))) continue;
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) tree.set(name, Buffer.from(`-> link`));
    else if (stat.isFile()) tree.set(name, readFileSync(path));
  }
  return tree;
}

/** How two trees differ, in a few lines; undefined when they hold the same files with the same bytes. */
export function treeDifference(actual: Map<string, Buffer>, expected: Map<string, Buffer>): string | undefined {
  const missing = [...expected.keys()].filter((path) => !actual.has(path));
  const extra = [...actual.keys()].filter((path) => !expected.has(path));
  const differ = [...expected.keys()].filter((path) => actual.has(path) && !actual.get(path)!.equals(expected.get(path)!));
  if (missing.length + extra.length + differ.length === 0) return undefined;
  const some = (paths: string[]) => `${paths.length} (${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', ...' : ''})`;
  return `missing ${some(missing)}, extra ${some(extra)}, different ${some(differ)}`;
}

/** Folders below `dir` with nothing in them. */
export function emptyFolders(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => lstatSync(join(dir, name)).isDirectory() && readdirSync(join(dir, name)).length === 0);
}

/**
 * A stack of `count` container services, each with a fallback, named from `first` on: enough to
 * give every target a file per service (systemd, Kubernetes) or per fallback (all but supervisord).
 */
export function stackSpec(options: { first: number; count: number; image: string; fallback: (index: number) => string }): string {
  const lines = ['version: 1', 'project: bulk', 'services:'];
  for (let index = options.first; index < options.first + options.count; index++) {
    lines.push(
      `  s${index}:`,
      `    image: ${options.image}`,
      `    command: [sleep, "${index}"]`,
      '    fallbacks:',
      `      - name: ${options.fallback(index)}`,
      '        when: {exit_codes: [1]}',
      `        set: {env: {VARIANT: "${options.fallback(index)}"}}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface Stopped {
  /** The build ended by itself before the kill. */
  finished: boolean;
  code: number | null;
}

function buildProcess(dir: string, extra: readonly string[] = []) {
  return spawn(process.execPath, [cliEntry, 'build', '-f', 'orchgen.yaml', ...extra], { cwd: dir, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
}

/** Runs `orchgen build` in `dir` and SIGKILLs it after `delayMs`, unless it is done by then. */
export function buildKilledAfter(dir: string, delayMs: number): Promise<Stopped> {
  const child = buildProcess(dir);
  const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ finished: signal === null, code });
    });
  });
}

/**
 * Runs `orchgen build` in `dir` and SIGKILLs it the moment `name` changes in `watched` (a folder
 * that exists before the build starts): for landing a kill inside a short phase.
 */
export function buildKilledOnChange(dir: string, watched: string, name: string): Promise<Stopped> {
  const child = buildProcess(dir);
  const watcher = watch(watched, (_event, changed) => {
    if (changed === name || name === '*') child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      watcher.close();
      resolve({ finished: signal === null, code });
    });
  });
}

function filesBelow(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
  } catch {
    return 0;
  }
}

/**
 * Runs `orchgen build` in `dir` and SIGKILLs it once `staging` holds at least `files` files: for
 * landing a kill while the build stages its output, whatever the machine's speed.
 */
export function buildKilledWhenStaged(dir: string, staging: string, files: number): Promise<Stopped & { staged: number }> {
  const child = buildProcess(dir);
  let staged = 0;
  const poll = setInterval(() => {
    staged = filesBelow(staging);
    if (staged >= files) {
      clearInterval(poll);
      child.kill('SIGKILL');
    }
  }, 1);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      resolve({ finished: signal === null, code, staged });
    });
  });
}
