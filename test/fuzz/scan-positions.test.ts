import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSpec } from '../../bench/gen-spec.mjs';
import type { SpecPath } from '../../src/diagnostics/diagnostic.js';
import { expandDocument } from '../../src/spec/expand.js';
import { SpecPositions } from '../../src/spec/positions.js';
import { LineScan } from '../../src/spec/scan-positions.js';
import { parseYamlDocument } from '../../src/spec/yaml-document.js';
import { specArbitrary } from './arbitraries.js';
import { applyText, examples, textMutation } from './mutations.js';
import { fuzzRun } from './seed.js';

const RUNS = 300;

interface Tally {
  asked: number;
  scanned: number;
}

/** Every path of mapping keys in the data, and below each mapping one key it does not have. */
function pathsOf(data: unknown, depth = 5): SpecPath[] {
  const paths: SpecPath[] = [];
  const walk = (node: unknown, path: SpecPath) => {
    if (path.length >= depth || typeof node !== 'object' || node === null || Array.isArray(node)) return;
    paths.push([...path, 'nope']);
    for (const [key, value] of Object.entries(node)) {
      paths.push([...path, key]);
      walk(value, [...path, key]);
    }
  };
  walk(data, []);
  return paths;
}

/** Where the scan answers, it answers what the `yaml` package's positions say, at the key and at the value. */
function agree(text: string, tally: Tally): void {
  const { doc, lines } = parseYamlDocument(text);
  if (doc.errors.length > 0) return;
  // a document the loader refuses to expand (a merge of a scalar, an alias bomb) has no paths to locate
  const expanded = expandDocument(doc);
  if (!('value' in expanded)) return;
  const exact = new SpecPositions(doc, lines);
  const scan = new LineScan(text);
  for (const path of pathsOf(expanded.value)) {
    for (const atKey of [true, false]) {
      tally.asked++;
      const scanned = scan.locate(path, atKey);
      if (scanned === undefined) continue;
      tally.scanned++;
      expect(scanned, `${path.join('.')} ${atKey ? 'key' : 'value'}\n--- input (first 2000 chars) ---\n${text.slice(0, 2000)}`).toEqual(exact.locate({ code: 'W000', severity: 'warning', message: '', path, atKey }));
    }
  }
}

function property(label: string, source: fc.Arbitrary<string>, minimumScanned: number): void {
  const tally: Tally = { asked: 0, scanned: 0 };
  fc.assert(
    fc.property(source, (text) => agree(text, tally)),
    fuzzRun(label, RUNS),
  );
  console.log(`property ${label}: ${tally.asked} paths asked, ${tally.scanned} located by the scan`);
  // the property would prove nothing if the scan declined every path
  expect(tally.scanned).toBeGreaterThanOrEqual(minimumScanned);
}

/** Lines that look like keys where they are not, or keys the scan must leave to the parser. */
const tricky: Array<[string, string]> = [
  ['a block scalar holding key-like lines', 'a:\n  b: |\n    c: 1\n  c: 2\n'],
  ['a block scalar with an indentation indicator', 'a:\n  b: |2\n     c: 1\n  c: 2\n'],
  ['a folded scalar, then a sibling', 'a:\n  b: >-\n    c: 1\n\n  c: 2\n'],
  ['a compact list under a key', 'a:\n- b: 1\n  c: 2\nd: 3\n'],
  ['comments at every indentation', '# a:\na: # x\n# b:\n  b: 1 # c:\n  # c:\n  c:\n    # d:\n    d: 1\n'],
  ['a duplicate key', 'a:\n  b: 1\n  b: 2\n'],
  ['a quoted key', 'a:\n  "b": 1\n  c: 2\n'],
  ['a flow mapping value', 'a: {b: 1, c: {d: 2}}\n'],
  ['a multi-line flow mapping', 'a:\n  b: {c: 1,\n    d: 2}\n  d: 3\n'],
  ['a multi-line plain scalar', 'a:\n  b: one\n    two\n  c: 3\n'],
  ['a multi-line quoted scalar', 'a:\n  b: "one\n    c: two"\n  c: 3\n'],
  ['an empty value, then a sibling', 'a:\nb:\n  c: 1\n'],
  ['keys that read as other scalars', 'a:\n  true: 1\n  null: 2\n  1: 3\n  y: 4\n'],
  ['a key with a space before its colon', 'a :\n  b: 1\n'],
  ['a document start', '---\na:\n  b: 1\n'],
  ['CRLF line ends', 'a:\r\n  b: 1\r\n'],
  ['an explicit key', '? a\n: b: 1\nc:\n  d: 2\n'],
  ['an anchor and a merge', 'x: &x\n  b: 1\na:\n  <<: *x\n  c: 2\n'],
];

describe('fuzz: the line scan locates paths where the `yaml` package does', () => {
  it.each(tricky)('on %s', (_, text) => {
    const tally = { asked: 0, scanned: 0 };
    agree(text, tally);
    expect(tally.asked).toBeGreaterThan(0);
  });

  it('on the examples and generated specs', () => {
    const source = fc.oneof(fc.constantFrom(...examples), specArbitrary({ rich: true, maxServices: 4 }).map((g) => g.text), fc.integer({ min: 1, max: 30 }).map((n) => generateSpec(n)));
    property('scan-positions-valid', source, RUNS * 10);
  });

  it('on text mutations of them', () => {
    const text = fc.oneof(fc.constantFrom(...examples), specArbitrary({ rich: true, maxServices: 3 }).map((g) => g.text));
    const source = fc.tuple(text, fc.array(textMutation, { minLength: 1, maxLength: 4 })).map(([t, mutations]) => mutations.reduce(applyText, t));
    property('scan-positions-mutations', source, 1);
  });
});
