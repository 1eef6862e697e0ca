import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../src/spec/load.js';
import { PROJECT_ROOT, requireTool, tempDir, type TempDir } from '../support/tools.js';

const CLI = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js');
const TIME = '/usr/bin/time';
// Outside CI a missing GNU time skips only the memory check; in CI it fails the file.
const hasTime = requireTool({ ok: existsSync(TIME), reason: `memory check: ${TIME} not installed (apt-get install time)` });
/** Wall-clock bound per run; generous, the machine may be busy. */
const MAX_MS = 15_000;
const MAX_RSS_KB = 768 * 1024;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const head = 'version: 1\nproject: x\nservices:\n';
const files: Array<[string, (file: string) => void]> = [
  ['a 50 MB file', (f) => writeFileSync(f, `${head}  a:\n    image: x\n    env: {A: "${'x'.repeat(50 * 1024 * 1024)}"}\n`)],
  ['10,000 nested lists', (f) => writeFileSync(f, `${head}  a:\n    command: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)],
  ['10,000 nested block lists', (f) => writeFileSync(f, `${head}  a:\n    command:\n      ${'- '.repeat(10_000)}x\n`)],
  ['an alias bomb', (f) => writeFileSync(f, `version: 1\nproject: x\n${Array.from({ length: 10 }, (_, i) => `a${i}: &a${i} [${i === 0 ? 'x,x,x,x,x,x,x,x,x,x' : Array(10).fill(`*a${i - 1}`).join(',')}]`).join('\n')}\nservices: {a: {command: *a9}}\n`)],
  ['binary garbage', (f) => writeFileSync(f, Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + 13) % 256)))],
  ['an empty file', (f) => writeFileSync(f, '')],
  ['a directory', (f) => mkdirSync(f)],
  [`${limits.maxEntries + 1} services`, (f) => writeFileSync(f, head + Array.from({ length: limits.maxEntries + 1 }, (_, i) => `  s${i}:\n    image: x\n`).join(''))],
  ['a 10,000-service dependency cycle', (f) => writeFileSync(f, head + Array.from({ length: 10_000 }, (_, i) => `  s${i}:\n    image: x\n    depends_on: [s${(i + 9_999) % 10_000}]\n`).join(''))],
];

describe('fuzz: the built CLI on hostile files', () => {
  let dir: TempDir;

  beforeAll(async () => {
    // `npm test` builds first; build here too when dist/ is missing or older than src/
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < newestMtime(path.join(PROJECT_ROOT, 'src'))) {
      await execa('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdin: 'ignore' });
    }
    dir = await tempDir('orchgen-fuzz-cli-');
  });
  afterAll(async () => {
    await dir?.cleanup();
  });

  it.each(files)('validate on %s: exit 1, error[E...] on stderr, no stack trace, quick and bounded', async (label, write) => {
    const file = path.join(dir.path, `${label.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
    write(file);
    const command = hasTime ? [TIME, '-f', 'maxrss-kb=%M', 'node', CLI] : ['node', CLI];
    const started = Date.now();
    const r = await execa(command[0]!, [...command.slice(1), 'validate', '-f', file], {
      reject: false,
      stdin: 'ignore',
      timeout: 60_000,
      env: { NO_COLOR: '1' },
    });
    const elapsed = Date.now() - started;
    const stderr = String(r.stderr);
    expect(r.timedOut, `${label} hung`).toBe(false);
    expect(r.exitCode, stderr.slice(0, 2000)).toBe(1);
    expect(stderr).toMatch(/error\[E\d{3}\]/);
    expect(stderr, 'a stack trace').not.toMatch(/^\s{4}at /m);
    expect(stderr).not.toMatch(/internal error/);
    expect(elapsed, `${label} took ${elapsed} ms`).toBeLessThan(MAX_MS);
    if (hasTime) {
      const rss = Number(/maxrss-kb=(\d+)/.exec(stderr)?.[1]);
      expect(rss, `${label}: max RSS ${rss} kB`).toBeLessThan(MAX_RSS_KB);
      console.log(`cli ${label}: ${elapsed} ms, max RSS ${Math.round(rss / 1024)} MiB, ${stderr.split('\n').find((l) => l.includes('error['))?.slice(0, 160)}`);
    }
  });

  it('names the limits it applies', async () => {
    const file = path.join(dir.path, 'deep.yaml');
    writeFileSync(file, `${head}  a:\n    image: x\n    native:\n      k8s: ${'{a: '.repeat(limits.maxDepth + 1)}1${'}'.repeat(limits.maxDepth + 1)}\n`);
    const r = await execa('node', [CLI, 'validate', '-f', file], { reject: false, stdin: 'ignore', timeout: 60_000, env: { NO_COLOR: '1' } });
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr)).toMatch(new RegExp(`deep\\.yaml:7:\\d+: error\\[E003\\]: spec is nested more than ${limits.maxDepth} levels deep`));
  });
});
