import { expect, test } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, SpecPath } from '../../src/diagnostics/diagnostic.js';
import { SpecPositions } from '../../src/spec/positions.js';
import { spec } from '../helpers.js';

const yaml = spec(
  'version: 1',
  'anchors:',
  '  base: &base {restart: always}',
  'services:',
  '  api:',
  '    <<: *base',
  '    image: postgres:16',
  '    command: [serve, --port, "8080"]',
  '    image: redis:7',
  '    empty:',
  '    ref: *base',
  '  list:',
  '    - a',
  '    -',
  '    - {b: 1}',
);

function positionsOf(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true });
  return { doc, positions: new SpecPositions(doc, lines) };
}

function at(path: SpecPath, atKey = false): Diagnostic {
  return { code: 'W103', severity: 'warning', message: '', path, ...(atKey ? { atKey } : {}) };
}

// [path, atKey, line, col], each worked out by hand from the lines above
const cases: Array<[SpecPath, boolean, number, number]> = [
  [['services', 'api', 'image'], false, 7, 12], // the first of two equal keys
  [['services', 'api', 'image'], true, 7, 5],
  [['services', 'api', 'command', 2], false, 8, 30],
  [['services', 'api', 'command', 5], false, 8, 14], // past the list's end: the list
  [['services', 'api', 'restart'], false, 6, 5], // only merged in: the mapping
  [['services', 'api', 'restart'], true, 6, 5],
  [['services', 'api', 'image', 'x'], false, 7, 12], // below a scalar: the scalar
  [['services', 'api', 'empty'], false, 10, 11],
  [['services', 'api', 'empty'], true, 10, 5],
  [['services', 'api', 'empty', 'deeper'], false, 10, 11],
  [['services', 'api', 'ref', 'restart'], false, 11, 10], // through an alias: the alias
  [['nope'], false, 1, 1],
  [[], false, 1, 1],
  [['services', 'list', 1], false, 14, 6], // an empty item
  [['services', 'list', 1, 'z'], false, 14, 6],
  [['services', 'list', 2, 'b'], false, 15, 11],
  [['services', 'list', 2, 'b'], true, 15, 8],
  [['services', 'list', 'x'], false, 13, 5], // a key in a list: the list
  [['anchors', 'base', 'restart'], true, 3, 16],
];

test.each(cases)('%j (at its key: %s) is line %i, column %i', (path, atKey, line, col) => {
  expect(positionsOf(yaml).positions.locate(at(path, atKey))).toEqual({ line, col });
});

test('positions stay right once the document is emptied: they hold nothing of it', () => {
  const { doc, positions } = positionsOf(yaml);
  doc.contents = null;
  expect(cases.map(([path, atKey]) => positions.locate(at(path, atKey)))).toEqual(cases.map(([, , line, col]) => ({ line, col })));
});

test('a diagnostic with its own position keeps it', () => {
  const { positions } = positionsOf(yaml);
  expect(positions.locate({ ...at(['services', 'api']), position: { line: 3, col: 7 } })).toEqual({ line: 3, col: 7 });
});

test('a deeply nested document is indexed without running out of stack', () => {
  const depth = 20_000;
  const { positions } = positionsOf(`${'['.repeat(depth)}${']'.repeat(depth)}\n`);
  expect(positions.locate(at([0, 0, 0]))).toEqual({ line: 1, col: 4 });
});
