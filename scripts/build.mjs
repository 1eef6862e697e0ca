// npm run build (and prepare): tsc into dist/ (dist/cli/main.js runs the sources as they are), then
// the bundled CLI with its validator and templates derived here from schema/ and templates/ as they
// are now, and its V8 code cache. dist/cli/bin.cjs, the `orchgen` command, runs the bundle.
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './bundle.mjs';
import { makeCodeCache } from './code-cache.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// tsc writes dist/ even when it reports type errors; the bundle then follows, so both stay in step
const typecheck = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
chmodSync(`${root}dist/cli/bin.cjs`, 0o755);
await bundleCli();
makeCodeCache();
process.exitCode = typecheck.status ?? 1;
