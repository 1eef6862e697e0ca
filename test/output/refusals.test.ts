import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { journalName, stagingName, treeDifference, treeOf } from './support.js';

// A manifest or journal that names a path outside out/, reaches one through a symbolic link, or is
// not whole JSON is refused with a message; nothing inside or outside out/ changes.

const scratch = mkdtempSync(join(tmpdir(), 'orchgen-refusals-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const spec = 'version: 1\nproject: demo\ndefaults: {restart: always}\nservices:\n  web: {image: nginx:1.27}\n  api: {image: busybox:1.36}\n';
const journalAdvice = 'nothing was changed. Remove it and the .orchgen-staging folder, then run `orchgen build`.';
const manifestAdvice = 'nothing was changed. Remove it to build afresh (the files it listed are then left in place).';
const linkReason = (path: string) => `\`link\` (on the way to \`${path}\`) is a symbolic link, and orchgen follows no link out of the output folder`;

interface Case {
  /** Where the build runs: orchgen.yaml and out/; `outside` is a folder beside it, holding victim.txt. */
  project: string;
  outside: string;
  out: string;
}

/** A project built once, a file beside out/ and a folder outside the project, each with a victim.txt. */
async function freshCase(name: string): Promise<Case> {
  const root = join(scratch, name);
  const c = { project: join(root, 'project'), outside: join(root, 'outside'), out: join(root, 'project', 'out') };
  mkdirSync(c.project, { recursive: true });
  mkdirSync(c.outside, { recursive: true });
  writeFileSync(join(c.project, 'orchgen.yaml'), spec);
  expect((await orchgen(['build', '-f', 'orchgen.yaml'], { cwd: c.project })).code).toBe(0);
  writeFileSync(join(c.project, 'victim.txt'), 'keep me\n');
  writeFileSync(join(c.outside, 'victim.txt'), 'keep me too\n');
  symlinkSync(c.outside, join(c.out, 'link'));
  return c;
}

function journal(c: Case, entries: { place?: string[]; remove?: string[] }): void {
  mkdirSync(join(c.out, stagingName), { recursive: true });
  (entries.place ?? []).forEach((_, index) => writeFileSync(join(c.out, stagingName, String(index)), 'staged\n'));
  writeFileSync(join(c.out, journalName), JSON.stringify({ generator: 'orchgen', place: entries.place ?? [], remove: entries.remove ?? [] }));
}

function manifest(c: Case, files: string[]): void {
  writeFileSync(join(c.out, '.orchgen-manifest.json'), JSON.stringify({ generator: 'orchgen', source: '../orchgen.yaml', files }));
}

const cases: Array<{ name: string; arrange: (c: Case) => void; error: (c: Case) => string | RegExp }> = [
  {
    name: 'a journal placing a file at ../escaped.txt',
    arrange: (c) => journal(c, { place: ['../escaped.txt'] }),
    error: () => `out/.orchgen-journal.json: error: corrupt journal: \`../escaped.txt\` leads out of the output folder; ${journalAdvice}\n`,
  },
  {
    name: 'a journal removing ../victim.txt',
    arrange: (c) => journal(c, { remove: ['../victim.txt'] }),
    error: () => `out/.orchgen-journal.json: error: corrupt journal: \`../victim.txt\` leads out of the output folder; ${journalAdvice}\n`,
  },
  {
    name: 'a journal removing an absolute path',
    arrange: (c) => journal(c, { remove: [join(c.outside, 'victim.txt')] }),
    error: (c) => `out/.orchgen-journal.json: error: corrupt journal: \`${join(c.outside, 'victim.txt')}\` is an absolute path; ${journalAdvice}\n`,
  },
  {
    name: 'a journal removing a file through a symbolic link',
    arrange: (c) => journal(c, { remove: ['link/victim.txt'] }),
    error: () => `out/.orchgen-journal.json: error: corrupt journal: ${linkReason('link/victim.txt')}; ${journalAdvice}\n`,
  },
  {
    name: 'a truncated journal',
    arrange: (c) => {
      journal(c, { place: ['compose/compose.yaml'] });
      const whole = readFileSync(join(c.out, journalName), 'utf8');
      writeFileSync(join(c.out, journalName), whole.slice(0, whole.length / 2));
    },
    error: () => /^out\/\.orchgen-journal\.json: error: corrupt journal: not valid JSON \([^)]+\); nothing was changed\. Remove it and the \.orchgen-staging folder, then run `orchgen build`\.\n$/,
  },
  {
    name: 'a journal whose staging folder is a symbolic link out of out/',
    arrange: (c) => {
      writeFileSync(join(c.outside, '0'), 'from outside\n');
      symlinkSync(c.outside, join(c.out, stagingName));
      writeFileSync(join(c.out, journalName), JSON.stringify({ generator: 'orchgen', place: ['compose/compose.yaml'], remove: [] }));
    },
    error: () => `out/.orchgen-journal.json: error: cannot finish the interrupted build: .orchgen-staging is a symbolic link, and orchgen follows no link out of the output folder; ${journalAdvice}\n`,
  },
  {
    name: 'a manifest listing ../victim.txt',
    arrange: (c) => manifest(c, ['compose/compose.yaml', '../victim.txt']),
    error: () => `out/.orchgen-manifest.json: error: corrupt manifest: \`../victim.txt\` leads out of the output folder; ${manifestAdvice}\n`,
  },
  {
    name: 'a manifest listing an absolute path',
    arrange: (c) => manifest(c, [join(c.outside, 'victim.txt')]),
    error: (c) => `out/.orchgen-manifest.json: error: corrupt manifest: \`${join(c.outside, 'victim.txt')}\` is an absolute path; ${manifestAdvice}\n`,
  },
  {
    name: 'a manifest listing a file through a symbolic link',
    arrange: (c) => manifest(c, ['link/victim.txt']),
    error: () => `out/.orchgen-manifest.json: error: corrupt manifest: ${linkReason('link/victim.txt')}; ${manifestAdvice}\n`,
  },
  {
    name: 'a truncated manifest',
    arrange: (c) => writeFileSync(join(c.out, '.orchgen-manifest.json'), '{"generator": "orchgen", "files": ["compose/comp'),
    error: () => /^out\/\.orchgen-manifest\.json: error: corrupt manifest: not valid JSON \([^)]+\); nothing was changed\. Remove it to build afresh \(the files it listed are then left in place\)\.\n$/,
  },
  {
    name: 'a target folder that is a symbolic link out of out/',
    arrange: (c) => {
      rmSync(join(c.out, 'compose'), { recursive: true });
      symlinkSync(c.outside, join(c.out, 'compose'));
    },
    error: () =>
      'out/compose/.env: error: cannot write: `compose` (on the way to `compose/.env`) is a symbolic link, and orchgen follows no link out of the output folder; nothing was changed\n',
  },
];

describe('a hostile or corrupt manifest or journal', () => {
  test.each(cases)('$name: refused with a message, nothing changed', async ({ name, arrange, error }) => {
    const c = await freshCase(name.replace(/[^a-z]+/g, '-'));
    arrange(c);
    const root = join(c.project, '..');
    const before = treeOf(root, { bookkeeping: true });
    const result = await orchgen(['build', '-f', 'orchgen.yaml'], { cwd: c.project });
    expect(result.code).toBe(1);
    const expected = error(c);
    if (typeof expected === 'string') expect(result.stderr).toBe(expected);
    else expect(result.stderr).toMatch(expected);
    expect(treeDifference(treeOf(root, { bookkeeping: true }), before)).toBeUndefined();
    expect(readFileSync(join(c.project, 'victim.txt'), 'utf8')).toBe('keep me\n');
    expect(readFileSync(join(c.outside, 'victim.txt'), 'utf8')).toBe('keep me too\n');
  });

  test('following the advice (remove the journal and the staging folder) builds again', async () => {
    const c = await freshCase('advice');
    journal(c, { place: ['../escaped.txt'] });
    expect((await orchgen(['build', '-f', 'orchgen.yaml'], { cwd: c.project })).code).toBe(1);
    rmSync(join(c.out, journalName));
    rmSync(join(c.out, stagingName), { recursive: true });
    const result = await orchgen(['build', '-f', 'orchgen.yaml'], { cwd: c.project });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^out: 0 written, \d+ unchanged, 0 removed\n$/);
  });
});

test('up refuses a hostile journal the same way, before it starts anything', async () => {
  const c = await freshCase('up');
  journal(c, { remove: ['../victim.txt'] });
  const before = treeOf(join(c.project, '..'), { bookkeeping: true });
  const result = await orchgen(['up', '-t', 'supervisor', '-f', 'orchgen.yaml', '--state-dir', join(c.project, 'state')], { cwd: c.project });
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(`out/.orchgen-journal.json: error: corrupt journal: \`../victim.txt\` leads out of the output folder; ${journalAdvice}\n`);
  expect(treeDifference(treeOf(join(c.project, '..'), { bookkeeping: true }), before)).toBeUndefined();
});
