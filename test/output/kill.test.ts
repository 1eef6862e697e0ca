import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { buildKilledAfter, buildKilledOnChange, buildKilledWhenStaged, emptyFolders, journalName, stackSpec, stagingName, treeDifference, treeOf } from './support.js';

// A build that is killed leaves out/ as it was, as it should be, or with a journal the next build
// completes; it never removes the user's files. The build under test turns an older build of a
// different spec (every file changes, some are added, some become stale) into the new one.

const services = 150;
const kills = 32;
const scratch = mkdtempSync(join(tmpdir(), 'orchgen-kill-'));
const work = join(scratch, 'work');
const out = join(work, 'out');
const oldOut = join(scratch, 'old-out');
const userFiles = { 'notes.txt': 'mine\n', 'systemd/local.conf': '[Service]\nNice=5\n' };

let oldTree: Map<string, Buffer>;
let newTree: Map<string, Buffer>;
let buildMs: number;

/** out/ back to the old build: hard links are enough, since a build renames and unlinks but never writes into a file. */
function resetToOld(): void {
  rmSync(out, { recursive: true, force: true });
  execFileSync('cp', ['-al', oldOut, out]);
}

function bookkeepingLeft(): string[] {
  return [journalName, stagingName].filter((name) => existsSync(join(out, name)));
}

function expectUserFilesIntact(): void {
  for (const [path, content] of Object.entries(userFiles)) expect(readFileSync(join(out, path), 'utf8'), path).toBe(content);
}

async function buildToCompletion() {
  const result = await orchgen(['build', '-f', 'orchgen.yaml'], { cwd: work });
  expect(result.stderr).not.toContain('error');
  expect(result.code).toBe(0);
  return result;
}

function expectNewTree(): void {
  expect(treeDifference(treeOf(out), newTree)).toBeUndefined();
  expect(bookkeepingLeft()).toEqual([]);
}

beforeAll(async () => {
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'orchgen.yaml'), stackSpec({ first: 0, count: services, image: 'busybox:1.36', fallback: () => 'slow' }));
  await buildToCompletion();
  for (const [path, content] of Object.entries(userFiles)) writeFileSync(join(out, path), content);
  renameSync(out, oldOut);
  oldTree = treeOf(oldOut);
  const shift = Math.round(services / 4);
  writeFileSync(join(work, 'orchgen.yaml'), stackSpec({ first: shift, count: services, image: 'busybox:1.37', fallback: (i) => (i % 2 === 0 ? 'fast' : 'slow') }));
  resetToOld();
  const started = performance.now();
  await buildToCompletion();
  buildMs = performance.now() - started;
  newTree = treeOf(out);
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a build killed at any point', () => {
  test('uninterrupted, it changes, adds and removes files, keeps the user files and leaves no empty folder', () => {
    const changed = [...newTree.keys()].filter((path) => oldTree.has(path) && !oldTree.get(path)!.equals(newTree.get(path)!));
    const added = [...newTree.keys()].filter((path) => !oldTree.has(path));
    const stale = [...oldTree.keys()].filter((path) => !newTree.has(path));
    expect(changed.length).toBeGreaterThan(services / 2);
    expect(added.length).toBeGreaterThan(services / 4);
    expect(stale.length).toBeGreaterThan(services / 4);
    for (const [path, content] of Object.entries(userFiles)) expect(newTree.get(path)?.toString()).toBe(content);
    expect(emptyFolders(out)).toEqual([]);
    console.log(`build of ${services} services: ${newTree.size} files (${changed.length} changed, ${added.length} added, ${stale.length} removed) in ${buildMs.toFixed(0)} ms`);
  });

  test('the same build from scratch gives the same files', async () => {
    const fresh = join(scratch, 'fresh');
    mkdirSync(fresh, { recursive: true });
    writeFileSync(join(fresh, 'orchgen.yaml'), readFileSync(join(work, 'orchgen.yaml')));
    expect((await orchgen(['build', '-f', 'orchgen.yaml'], { cwd: fresh })).code).toBe(0);
    const expected = new Map(newTree);
    for (const path of Object.keys(userFiles)) expected.delete(path);
    expect(treeDifference(treeOf(join(fresh, 'out')), expected)).toBeUndefined();
  });

  test(`SIGKILL at ${kills} points from the start to the end: out/ is old, new, or finished by the next build`, async () => {
    const landed = { beforeCommit: 0, withFilesStaged: 0, duringCommit: 0, after: 0, finishedFirst: 0 };
    // The points spread over 1.3 x the calibrated build time; on a loaded machine a build may take
    // longer, so the last point moves later until one kill lands after the build.
    const delays = Array.from({ length: kills }, (_, kill) => Math.round((buildMs * 1.3 * kill) / (kills - 1)));
    for (let kill = 0; kill < delays.length; kill++) {
      const delayMs = delays[kill]!;
      if (kill === delays.length - 1 && landed.after === 0 && delayMs < buildMs * 20) delays.push(delayMs * 2);
      resetToOld();
      const stopped = await buildKilledAfter(work, delayMs);
      if (stopped.finished) landed.finishedFirst++;
      expectUserFilesIntact();
      const now = treeOf(out);
      if (existsSync(join(out, journalName))) {
        landed.duringCommit++;
        const next = await buildToCompletion();
        expect(next.stdout).toContain('out: finished an interrupted build (.orchgen-journal.json)\n');
        expectNewTree();
        continue;
      }
      const fromOld = treeDifference(now, oldTree);
      const fromNew = treeDifference(now, newTree);
      if (fromOld === undefined) {
        landed.beforeCommit++;
        if (existsSync(join(out, stagingName)) && readdirSync(join(out, stagingName)).length > 0) landed.withFilesStaged++;
      } else if (fromNew === undefined) landed.after++;
      else expect.fail(`a kill after ${delayMs} ms left a mix: against the old tree ${fromOld}; against the new one ${fromNew}`);
    }
    console.log(
      `${delays.length} kills over ${buildMs.toFixed(0)} ms: ${landed.beforeCommit} before the commit point (${landed.withFilesStaged} with files staged), ` +
        `${landed.duringCommit} during the commit phase, ${landed.after} after it (${landed.finishedFirst} finished before the kill)`,
    );
    expect(landed.after).toBeGreaterThan(0);
  }, 900_000);

  test('killed while it stages its files: out/ is still the old build, and the next build gives the new one', async () => {
    let staged = 0;
    for (let attempt = 0; attempt < 3 && staged === 0; attempt++) {
      resetToOld();
      const stopped = await buildKilledWhenStaged(work, join(out, stagingName), 10);
      if (!stopped.finished && !existsSync(join(out, journalName))) staged = stopped.staged;
    }
    expect(staged, 'no kill landed while files were being staged').toBeGreaterThanOrEqual(10);
    expect(treeDifference(treeOf(out), oldTree)).toBeUndefined();
    expectUserFilesIntact();
    await buildToCompletion();
    expectNewTree();
  }, 300_000);

  test('killed as its journal is committed, and again while the next build finishes it: the third build completes', async () => {
    const midCommit = join(scratch, 'mid-commit');
    let stagedBefore = 0;
    for (let attempt = 0; attempt < 3 && stagedBefore === 0; attempt++) {
      resetToOld();
      await buildKilledOnChange(work, out, journalName);
      if (existsSync(join(out, journalName))) stagedBefore = readdirSync(join(out, stagingName)).length;
    }
    expect(stagedBefore, 'no kill landed between the commit point and the end of the apply').toBeGreaterThan(0);
    expectUserFilesIntact();
    rmSync(midCommit, { recursive: true, force: true });
    execFileSync('cp', ['-al', out, midCommit]);

    const pending = treeOf(out, { bookkeeping: true });
    const check = await orchgen(['build', '-f', 'orchgen.yaml', '--check'], { cwd: work });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('an interrupted build left out/.orchgen-journal.json; run `orchgen build` to finish it\n');
    expect(treeDifference(treeOf(out, { bookkeeping: true }), pending)).toBeUndefined();

    let stagedAfter = stagedBefore;
    for (let attempt = 0; attempt < 3 && !(stagedAfter < stagedBefore && existsSync(join(out, journalName))); attempt++) {
      rmSync(out, { recursive: true, force: true });
      execFileSync('cp', ['-al', midCommit, out]);
      await buildKilledOnChange(work, join(out, stagingName), '*');
      stagedAfter = existsSync(join(out, stagingName)) ? readdirSync(join(out, stagingName)).length : 0;
    }
    expect(existsSync(join(out, journalName)), 'no kill landed while the next build finished the journal').toBe(true);
    expect(stagedAfter).toBeLessThan(stagedBefore);
    expectUserFilesIntact();

    const third = await buildToCompletion();
    expect(third.stdout).toContain('out: finished an interrupted build (.orchgen-journal.json)\n');
    expectNewTree();
  }, 300_000);
});
