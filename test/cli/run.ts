import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

/** The built CLI's entry: the one place tests learn where it is. */
export const cliEntry = new URL('../../dist/cli/bin.cjs', import.meta.url).pathname;

const root = new URL('../../', import.meta.url).pathname;
/**
 * The bundle behind cliEntry has its templates and validator precompiled: unlike the code (which
 * tests always ran built), edits to these would otherwise go unseen until the next build.
 */
const precompiledSources = ['templates', 'schema'];
let bundleChecked = false;

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Flags for node itself, e.g. a heap limit. */
  nodeFlags?: readonly string[];
  /** Killed after this long; the result then says `timedOut`. */
  timeoutMs?: number;
}

/** Runs the built CLI the way a user does, with colour off. */
export async function orchgen(args: readonly string[], options: RunOptions = {}) {
  if (!bundleChecked) refuseStaleBundle();
  const result = await execa('node', [...(options.nodeFlags ?? []), cliEntry, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { NO_COLOR: '1', ...options.env },
    reject: false,
    stripFinalNewline: false,
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
  });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr, ...(result.timedOut ? { timedOut: true } : {}) };
}

/** A bundle older than its templates or schema would test them as they were. */
function refuseStaleBundle(): void {
  const built = statSync(join(root, 'dist', 'orchgen.bundle.cjs'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newer = precompiledSources.flatMap((dir) => newerFiles(join(root, dir), built));
  if (newer.length > 0) throw new Error(`dist/orchgen.bundle.cjs is missing or older than ${newer.slice(0, 3).join(', ')}: run \`npm run build\``);
  bundleChecked = true;
}

function newerFiles(dir: string, than: number): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile() && statSync(path).mtimeMs > than)
    .map((path) => path.slice(root.length));
}
