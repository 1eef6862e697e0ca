import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { journalName, stagingName, treeDifference, treeOf } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'orchgen-incremental-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const yaml = (services: string) => `version: 1\nproject: demo\ndefaults: {restart: always}\nservices:\n${services}`;
const before = yaml('  web: {image: nginx:1.27}\n  api: {image: busybox:1.36, env: {MODE: one}}\n  db: {image: postgres:16}\n');
const after = yaml('  api: {image: busybox:1.36, env: {MODE: two}}\n  db: {image: postgres:16}\n');

async function build(dir: string, ...extra: string[]) {
  return orchgen(['build', '-f', 'orchgen.yaml', ...extra], { cwd: dir });
}

function project(name: string, spec: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'orchgen.yaml'), spec);
  return dir;
}

/** Each file's inode and modification time: a rename or a write changes one of them. */
function identities(dir: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const path of treeOf(dir).keys()) {
    const stat = statSync(join(dir, path), { bigint: true });
    ids.set(path, `${stat.ino}:${stat.mtimeNs}`);
  }
  return ids;
}

const listed = (stdout: string, verb: string) => stdout.split('\n').filter((line) => line.startsWith(`  ${verb} `)).map((line) => line.slice(verb.length + 3)).sort();

describe('an incremental build', () => {
  test('touches exactly the files whose bytes change and removes only its stale ones', async () => {
    const dir = project('incremental', before);
    const out = join(dir, 'out');
    expect((await build(dir)).code).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    const [oldTree, oldIds] = [treeOf(out), identities(out)];
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(join(dir, 'orchgen.yaml'), after);
    const second = await build(dir);
    expect(second.code).toBe(0);
    const [newTree, newIds] = [treeOf(out), identities(out)];

    const rewrittenBytes = [...newTree.keys()].filter((path) => !oldTree.get(path)?.equals(newTree.get(path)!)).sort();
    const touched = [...newIds.keys()].filter((path) => oldIds.get(path) !== newIds.get(path)).sort();
    const gone = [...oldTree.keys()].filter((path) => !newTree.has(path)).sort();
    expect(touched).toEqual(rewrittenBytes);
    expect(listed(second.stdout, 'wrote')).toEqual(rewrittenBytes);
    expect(listed(second.stdout, 'removed')).toEqual(gone);
    expect(gone.some((path) => path.includes('web'))).toBe(true);
    expect(newTree.size - touched.length).toBeGreaterThan(2);
    expect(newTree.get('notes.txt')?.toString()).toBe('mine\n');

    const third = await build(dir);
    expect(third.stdout).toBe(`out: 0 written, ${newTree.size - 1} unchanged, 0 removed\n`);
    expect(identities(out)).toEqual(newIds);
  });

  test('a pending journal: --check exits 1 saying so, --dry-run lists finishing it, neither writes; build finishes it', async () => {
    const dir = project('pending', after);
    const out = join(dir, 'out');
    expect((await build(dir)).code).toBe(0);
    const expected = treeOf(out);
    writeFileSync(join(dir, 'orchgen.yaml'), before);
    expect((await build(dir)).code).toBe(0);
    // What a build killed after its commit point leaves: the journal and the staged file it names.
    mkdirSync(join(out, stagingName));
    writeFileSync(join(out, stagingName, '0'), expected.get('compose/compose.yaml')!);
    writeFileSync(join(out, journalName), JSON.stringify({ generator: 'orchgen', place: ['compose/compose.yaml'], remove: ['systemd/demo-web.service'] }));
    writeFileSync(join(dir, 'orchgen.yaml'), after);
    const pending = treeOf(out, { bookkeeping: true });

    const check = await build(dir, '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toBe('an interrupted build left out/.orchgen-journal.json; run `orchgen build` to finish it\n');
    const dry = await build(dir, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('out (dry run, nothing written):\n  finish the interrupted build in out/.orchgen-journal.json\n');
    expect(treeDifference(treeOf(out, { bookkeeping: true }), pending)).toBeUndefined();

    const finish = await build(dir);
    expect(finish.code).toBe(0);
    expect(finish.stdout).toMatch(/^out: finished an interrupted build \(\.orchgen-journal\.json\)\nout: \d+ written, \d+ unchanged, \d+ removed\n/);
    expect(finish.stdout).not.toContain('wrote compose/compose.yaml');
    expect(treeDifference(treeOf(out), expected)).toBeUndefined();
    expect([journalName, stagingName].filter((name) => existsSync(join(out, name)))).toEqual([]);
    expect((await build(dir, '--check')).code).toBe(0);
    expect(readFileSync(join(out, 'compose/compose.yaml'))).toEqual(expected.get('compose/compose.yaml'));
  });
});
