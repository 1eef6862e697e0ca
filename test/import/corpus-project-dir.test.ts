/**
 * Each corpus file, imported and given `project_dir`, passes `orchgen validate` and builds every
 * target through the CLI's own `orchgen build`: exit 0, no error among its warnings, files for every target.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { targetNames } from '../../src/targets/all.js';
import { tempDir, type TempDir } from '../support/tools.js';
import { corpus, corpusDir, importEntry } from './corpus-files.js';

/** The imported spec with `project_dir` after `project`. */
function withProjectDir(text: string, dir: string): string {
  const project = /^project: .*$/m;
  expect(text).toMatch(project);
  return text.replace(project, (line) => `${line}\nproject_dir: ${dir}`);
}

/** The CLI in this process; paths are given absolute (the CLI reads the spec from the process's folder). */
async function orchgen(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, cwd: process.cwd() };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe('real Compose files, imported with project_dir, build for every target', () => {
  let scratch: TempDir;
  beforeAll(async () => {
    scratch = await tempDir('orchgen-corpus-build-');
  });
  afterAll(() => scratch.cleanup());

  it.each(corpus)('$dir', async (entry) => {
    const result = importEntry(entry, join(corpusDir, entry.dir));
    expect(result.error).toBeUndefined();
    const dir = join(scratch.path, entry.dir);
    mkdirSync(dir);
    writeFileSync(join(dir, 'orchgen.yaml'), withProjectDir(result.text!, `/srv/${entry.dir}`));
    const validated = await orchgen(['validate', '-f', join(dir, 'orchgen.yaml')]);
    expect({ code: validated.code, errors: validated.err.split('\n').filter((l) => /\berror\b/.test(l)) }).toEqual({ code: 0, errors: [] });
    const built = await orchgen(['build', '-f', join(dir, 'orchgen.yaml'), '-o', join(dir, 'out')]);
    expect({ code: built.code, errors: built.err.split('\n').filter((l) => /\berror\b/.test(l)) }).toEqual({ code: 0, errors: [] });
    const written = built.out.split('\n').filter((l) => l.startsWith('  wrote ')).map((l) => l.slice('  wrote '.length).split('/')[0]).filter((top) => !top!.startsWith('.'));
    expect(new Set(written)).toEqual(new Set(targetNames));
  });
});
