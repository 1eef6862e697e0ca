// V8's code cache of the bundled CLI: runs the bundle as dist/cli/bin.cjs does, on a build of an
// example for every target (which also validates it), then stores the code V8 compiled for it.
// Run in its own process by scripts/build.mjs: `node scripts/code-cache.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomically } from './bundle.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const workload = join(root, 'examples', 'canvasbot', 'orchgen.yaml');

/**
 * Makes dist/orchgen.bundle.cache in a fresh process, so that the cache holds only what the workload
 * compiled. Without it the bundle still runs, only slower to start: a failed workload is a warning.
 */
export function makeCodeCache() {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) process.stderr.write(`warning: no code cache: its workload, orchgen build of ${workload}, failed (exit ${result.status}):\n${result.stderr}`);
}

function produce() {
  const bin = createRequire(import.meta.url)(join(root, 'dist', 'cli', 'bin.cjs'));
  const out = mkdtempSync(join(tmpdir(), 'orchgen-code-cache-'));
  const bundle = bin.compileBundle(false);
  process.argv = [process.argv[0], bin.bundleFile, 'build', '-f', workload, '-o', out];
  process.once('beforeExit', () => {
    rmSync(out, { recursive: true, force: true });
    if (process.exitCode) return;
    writeAtomically(bin.codeCacheFile, bin.codeCacheContent(bundle));
  });
  bin.runBundle(bundle);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) produce();
