// Floor for `orchgen build`: creating as many files of the same sizes as a build wrote, in a new
// folder. Usage: node write-files.mjs <manifest.json> <new folder>
// The manifest ({ dirs, files: [[path, bytes]] }) comes from fileManifest() in file-manifest.mjs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { dirs, files } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const dest = process.argv[3];
const filler = Buffer.alloc(Math.max(0, ...files.map(([, bytes]) => bytes)), 'x');

mkdirSync(dest, { recursive: true });
for (const dir of dirs) mkdirSync(join(dest, dir), { recursive: true });
for (const [path, bytes] of files) writeFileSync(join(dest, path), filler.subarray(0, bytes));
