import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { orchgen } from './run.js';

const readme = readFileSync('README.md', 'utf8');
/** The contents of the README's sh and text blocks (indented ones too). */
const blocks = [...readme.matchAll(/^( *)```(?:sh|text)\n([\s\S]*?)^\1```$/gm)].map((m) => m[2]!.replace(new RegExp(`^${m[1]}`, 'gm'), ''));
/** Command lines in those blocks, without a `$ ` prompt. */
const commands = blocks.flatMap((block) => block.split('\n')).map((line) => line.replace(/^\$ /, '')).filter((line) => /^(npx )?orchgen /.test(line));

test('the command is spelt one way: orchgen, never npx orchgen', () => {
  expect(commands.length).toBeGreaterThan(10);
  expect(commands.filter((line) => line.startsWith('npx '))).toEqual([]);
});

test('every build of an example names out/<example>, where the committed output is', () => {
  const builds = commands.filter((line) => /^orchgen build .*-f examples\//.test(line));
  expect(builds.length).toBeGreaterThanOrEqual(2);
  for (const line of builds) {
    const example = /-f examples\/([\w-]+)\/orchgen\.yaml/.exec(line)![1];
    expect(line).toContain(` -o out/${example}`);
  }
});

test("the README's --check command passes on the committed out/", async () => {
  const check = commands.find((line) => line.startsWith('orchgen build --check '))!;
  expect(check).toBe('orchgen build --check -f examples/canvasbot/orchgen.yaml -o out/canvasbot');
  const result = await orchgen(check.split(' ').slice(1));
  expect(result.stdout).toMatch(/^out\/canvasbot: up to date \(\d+ files\)\n$/);
  expect(result.code).toBe(0);
});

test("the README's misspelt logs example prints what the README shows", async () => {
  const block = blocks.find((b) => b.startsWith('$ orchgen logs stor '))!;
  const [command, ...shown] = block.split('\n');
  const result = await orchgen(command!.slice('$ orchgen '.length).split(' '));
  expect(result.stderr).toBe(shown.join('\n'));
  expect(result.code).toBe(1);
});
