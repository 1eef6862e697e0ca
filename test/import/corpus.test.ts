/**
 * Each corpus file imports without an internal error, the result passes orchgen's own validator, no
 * variable is left unfilled in an image or a volume, and every warning is one the table expects
 * (codes and counts, exactly).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileText } from '../../src/pipeline/compile.js';
import { targetNames } from '../../src/targets/all.js';
import { corpus, corpusDir, importEntry } from './corpus-files.js';
import { specDiagnostics } from './support.js';

describe('real Compose files import', () => {
  it.each(corpus)('$dir', (entry) => {
    const result = importEntry(entry, join(corpusDir, entry.dir));
    expect(result.error).toBeUndefined();
    const counts: Record<string, number> = {};
    for (const w of result.warnings) counts[w.code] = (counts[w.code] ?? 0) + 1;
    expect(counts).toEqual(entry.warnings);
    expect(specDiagnostics(result.text!).filter((d) => d.includes('error['))).toEqual([]);
    const model = compileText('orchgen.yaml', result.text!, targetNames).model!;
    const unfilled = model.services.flatMap((s) => [s.image ?? '', ...s.volumes.map((v) => JSON.stringify(v))].filter((t) => t.includes('${')));
    expect(unfilled).toEqual([]);
  });
});

