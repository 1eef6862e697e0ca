import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commitJournal, type Journal } from '../../src/output/journal.js';
import type { PlannedFile } from '../../src/output/plan.js';
import { stagedTreePath, stageFiles } from '../../src/output/staging.js';
import { writeOutput } from '../../src/output/write.js';
import { orchgen } from '../cli/run.js';
import { buildKilledAfter, journalName, stackSpec, stagingName, treeDifference, treeOf } from './support.js';

// A folder the output folder does not have yet (every target's, on a first build) is staged whole
// and placed by one rename; a folder that exists has its files placed one by one, as before.

const scratch = mkdtempSync(join(tmpdir(), 'orchgen-new-folders-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const planned: PlannedFile[] = [
  { path: 'alpha/deep/one.conf', content: 'one\n' },
  { path: 'alpha/two.conf', content: 'two\n' },
  { path: 'beta/three.conf', content: 'three\n' },
  { path: '.orchgen-manifest.json', content: '{"generator":"orchgen","source":"x","files":["alpha/deep/one.conf","alpha/two.conf","beta/three.conf"]}\n' },
];

function expectPlannedTree(out: string): void {
  const expected = new Map(planned.map((f) => [f.path, Buffer.from(f.content)]));
  expect(treeDifference(treeOf(out), expected)).toBeUndefined();
  expect([journalName, stagingName].filter((name) => existsSync(join(out, name)))).toEqual([]);
}

describe('new folders are placed whole', () => {
  test('into an empty output folder: every file, the report names each', () => {
    const out = join(scratch, 'fresh');
    const report = writeOutput(out, planned);
    expectPlannedTree(out);
    expect(report.written).toEqual(planned.map((f) => f.path));
    expect(report.unchanged).toEqual([]);
  });

  test('beside a folder that exists: its unchanged files are left alone, its changed ones replaced', () => {
    const out = join(scratch, 'beside');
    mkdirSync(join(out, 'alpha', 'deep'), { recursive: true });
    writeFileSync(join(out, 'alpha', 'deep', 'one.conf'), 'one\n');
    writeFileSync(join(out, 'alpha', 'two.conf'), 'old two\n');
    writeFileSync(join(out, 'alpha', 'mine.txt'), 'mine\n');
    const kept = statSync(join(out, 'alpha', 'deep', 'one.conf')).ino;
    const report = writeOutput(out, planned);
    expect(report.unchanged).toEqual(['alpha/deep/one.conf']);
    expect(report.written).toEqual(['alpha/two.conf', 'beta/three.conf', '.orchgen-manifest.json']);
    expect(statSync(join(out, 'alpha', 'deep', 'one.conf')).ino).toBe(kept);
    expect(readFileSync(join(out, 'alpha', 'mine.txt'), 'utf8')).toBe('mine\n');
    rmSync(join(out, 'alpha', 'mine.txt'));
    expectPlannedTree(out);
  });

  test('killed after one folder of its journal was placed: the next build places the rest', () => {
    const out = join(scratch, 'half-placed');
    const whole = planned.filter((f) => f.path.includes('/'));
    const each = planned.filter((f) => !f.path.includes('/'));
    stageFiles(out, each, whole);
    const journal: Journal = { generator: 'orchgen', place: each.map((f) => f.path), folders: ['alpha', 'beta'], remove: [] };
    commitJournal(out, journal);
    // what applying the journal does first, before the kill
    renameSync(stagedTreePath(out, 'alpha'), join(out, 'alpha'));
    const report = writeOutput(out, planned);
    expect(report.finishedInterrupted).toBe(true);
    expect(report.written).toEqual([]);
    expectPlannedTree(out);
  });

  test('a journal written before folders were placed whole (no `folders`) is still finished', () => {
    const out = join(scratch, 'older-journal');
    stageFiles(out, planned);
    writeFileSync(join(out, stagingName, 'journal'), JSON.stringify({ generator: 'orchgen', place: planned.map((f) => f.path), remove: [] }));
    renameSync(join(out, stagingName, 'journal'), join(out, journalName));
    const report = writeOutput(out, planned);
    expect(report.finishedInterrupted).toBe(true);
    expectPlannedTree(out);
  });
});

describe('a first build killed at any point', () => {
  const services = 150;
  const kills = 24;
  const work = join(scratch, 'work');
  const out = join(work, 'out');
  let built: Map<string, Buffer>;
  let buildMs: number;

  beforeAll(async () => {
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, 'orchgen.yaml'), stackSpec({ first: 0, count: services, image: 'busybox:1.36', fallback: () => 'slow' }));
    const started = performance.now();
    expect((await orchgen(['build', '-f', 'orchgen.yaml'], { cwd: work })).code).toBe(0);
    buildMs = performance.now() - started;
    built = treeOf(out);
  }, 120_000);

  test(`SIGKILL at ${kills} points: out/ holds no artifact, all of them, or a journal the next build finishes`, async () => {
    const landed = { nothing: 0, journal: 0, whole: 0 };
    // Each try's out/ is moved aside, not deleted: files created soon after many deletes cost
    // many times more here, which would put every kill before the commit point.
    const aside = join(scratch, 'aside');
    mkdirSync(aside);
    const delays = Array.from({ length: kills }, (_, kill) => Math.round((buildMs * 1.3 * kill) / (kills - 1)));
    for (let kill = 0; kill < delays.length; kill++) {
      // on a loaded machine a build takes longer: the last point moves later until one kill lands after it
      if (kill === delays.length - 1 && landed.whole === 0 && delays[kill]! < buildMs * 20) delays.push(delays[kill]! * 2);
      if (existsSync(out)) renameSync(out, join(aside, String(kill)));
      await buildKilledAfter(work, delays[kill]!);
      const now = treeOf(out);
      if (existsSync(join(out, journalName))) {
        landed.journal++;
        const next = await orchgen(['build', '-f', 'orchgen.yaml'], { cwd: work });
        expect(next.stdout).toContain('out: finished an interrupted build (.orchgen-journal.json)\n');
        expect(treeDifference(treeOf(out), built)).toBeUndefined();
      } else if (now.size === 0) landed.nothing++;
      else {
        expect(treeDifference(now, built), `a kill at point ${kill} left a part of the build`).toBeUndefined();
        landed.whole++;
      }
    }
    console.log(`${delays.length} kills over a ${buildMs.toFixed(0)} ms first build: ${landed.nothing} left no artifact, ${landed.journal} a journal, ${landed.whole} every file`);
    expect(landed.nothing).toBeGreaterThan(0);
    expect(landed.whole).toBeGreaterThan(0);
  }, 300_000);
});
