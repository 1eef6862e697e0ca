import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCompose } from '../../src/import/compose/index.js';
import { corpus, corpusDir } from '../import/corpus-files.js';
import { applyText, textMutation } from './mutations.js';
import { fuzzRun } from './seed.js';

const RUNS = 300;

const importText = (text: string) => importCompose({ file: 'compose.yaml', text, dir: '/stack', variables: {} }, { outDir: '/stack', schemaRef: 'x' });

/** The corpus files that import as they are, with no variables and no other file: mutations start from a spec. */
const composeFiles = corpus.map(({ dir, file }) => readFileSync(join(corpusDir, dir, file), 'utf8')).filter((text) => importText(text).error === undefined);

interface Tally {
  imported: number;
  refused: number;
}

/** What importing the text gives: a spec, or one message naming the file; never a thrown error. */
function importOnce(text: string, tally: Tally): void {
  const result = importText(text);
  if (result.error !== undefined) {
    tally.refused++;
    expect(result.error).toMatch(/^compose\.yaml(:\d+:\d+)?: \S/);
  } else {
    tally.imported++;
    expect(typeof result.text).toBe('string');
  }
}

describe('fuzz: importing a mutated real Compose file answers with a spec or a message', () => {
  it('never throws', () => {
    const tally: Tally = { imported: 0, refused: 0 };
    const source = fc.tuple(fc.constantFrom(...composeFiles), fc.array(textMutation, { minLength: 1, maxLength: 4 })).map(([text, mutations]) => mutations.reduce(applyText, text));
    fc.assert(
      fc.property(source, (text) => importOnce(text, tally)),
      fuzzRun('import-mutations', RUNS),
    );
    console.log(`property import-mutations: ${tally.imported} imported, ${tally.refused} refused`);
    // both ends must be reached, or the property says nothing of one of them
    expect(composeFiles.length).toBeGreaterThanOrEqual(5);
    expect(tally.imported).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  });
});
