/**
 * Mutations of spec text and data, and hostile specs, shared by the fuzz properties: the inputs that
 * reach the loader's error paths and bounds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { limits } from '../../src/spec/load.js';
import { PROJECT_ROOT } from '../support/tools.js';
import { toYaml } from './arbitraries.js';

export const examples = readdirSync(path.join(PROJECT_ROOT, 'examples'))
  .sort()
  .map((dir) => readFileSync(path.join(PROJECT_ROOT, 'examples', dir, 'orchgen.yaml'), 'utf8'));

// ---------------------------------------------------------------------------
// text-level mutations

const junk = fc.oneof(
  fc.constantFrom('{', '}', '[', ']', ':', ': ', ',', '- ', '-', '&a ', '*a', '*zz', '<<: *a', '!!str ', '!!binary ', '!custom ', '|', '>-', '"', "'", '#', '%YAML 1.1\n', '---\n', '...\n', '? ', '\t', '\u0000', '\u0001', '\u001b', '\ufeff', '\r', '\n', '\n  ', '  ', '~', 'null', '.nan', '0x1F', '1e400', '-0', '�', '\ud800'),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'x'.repeat(n)),
);

type TextMutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'swapLines'; at: number; other: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'reindent'; at: number; by: number }
  | { kind: 'deleteBrackets'; at: number };

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: junk }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('reindent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('deleteBrackets' as const), at: fc.nat() }),
);

export function applyText(text: string, m: TextMutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  const lines = text.split('\n');
  const line = lines.length === 0 ? 0 : m.at % lines.length;
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'duplicateLine':
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    case 'swapLines': {
      const other = m.other % lines.length;
      [lines[line], lines[other]] = [lines[other]!, lines[line]!];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, at);
    case 'reindent':
      lines[line] = m.by > 0 ? ' '.repeat(m.by) + lines[line] : (lines[line] ?? '').slice(-m.by);
      return lines.join('\n');
    case 'deleteBrackets': {
      const brackets = [...text.matchAll(/[[\]{}]/g)].map((x) => x.index);
      if (brackets.length === 0) return `${text}{`;
      const i = brackets[m.at % brackets.length]!;
      return text.slice(0, i) + text.slice(i + 1);
    }
  }
}

// ---------------------------------------------------------------------------
// data-level mutations

const wrongValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -0, '', ' ', 'x', [], {}, [null], { a: 1 }, '\u0000', 'a\nb', '%(here)s', '[section]', '$$', '99999999999999999999'),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 1000, max: 50_000 }).map((n) => 'y'.repeat(n)),
  fc.integer({ min: 1, max: 150 }).map((depth) => nest(depth)),
  fc.constantFrom(10, 100, limits.maxEntries + 1).map((n) => Array.from({ length: n }, (_, i) => `v${i}`)),
);

function nest(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { k: value };
  return value;
}

type DataMutation = { kind: 'replace' | 'delete' | 'addKey' | 'duplicate'; pick: number; value: unknown; key: string };

export const dataMutation: fc.Arbitrary<DataMutation> = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'delete', 'addKey', 'duplicate'),
  pick: fc.nat(),
  value: wrongValue,
  key: fc.oneof(fc.constantFrom('image', 'command', 'healthcheck', 'env', 'depends_on', 'services', '', ' ', '<<', '1', 'Null', 'a b', 'UPPER'), fc.string({ maxLength: 6 })),
});

/** Every container (object or array) in the data, with its parent slot. */
function slots(data: unknown): Array<{ owner: Record<string, unknown> | unknown[]; key: string | number }> {
  const out: Array<{ owner: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) value.forEach((child, i) => (out.push({ owner: value, key: i }), pending.push(child)));
    else if (typeof value === 'object' && value !== null) {
      for (const [k, child] of Object.entries(value)) out.push({ owner: value as Record<string, unknown>, key: k }), pending.push(child);
    }
  }
  return out;
}

export function applyData(data: Record<string, unknown>, mutations: readonly DataMutation[]): string {
  const copy = structuredClone(data);
  let duplicate: number | undefined;
  for (const m of mutations) {
    const all = slots(copy);
    if (all.length === 0) break;
    const { owner, key } = all[m.pick % all.length]!;
    if (m.kind === 'replace') (owner as Record<string | number, unknown>)[key] = m.value;
    else if (m.kind === 'delete') {
      if (Array.isArray(owner)) owner.splice(key as number, 1);
      else delete owner[key as string];
    } else if (m.kind === 'addKey') {
      if (Array.isArray(owner)) owner.push(m.value);
      else owner[m.key || '_'] = m.value;
    } else duplicate = m.pick;
  }
  const text = toYaml(copy);
  if (duplicate === undefined) return text;
  // the same key twice, at the text level
  const lines = text.split('\n');
  const i = duplicate % lines.length;
  if (/^\s*[\w-]+:/.test(lines[i]!)) lines.splice(i + 1, 0, lines[i]!.replace(/:.*$/, ': 1'));
  return lines.join('\n');
}

export const head = 'version: 1\nproject: x\nservices:\n';
/** Specs at and past every bound, and text no parser should choke on. */
export const hostile: Array<[string, () => string]> = [
  ['10,000 nested flow lists', () => `${head}  a:\n    command: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
  ['10,000 nested flow lists, unclosed', () => `${head}  a:\n    command: ${'['.repeat(10_000)}\n`],
  ['10,000 nested flow maps under native.compose', () => `${head}  a:\n    image: x\n    native:\n      compose: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
  ['10,000 nested block lists', () => `${head}  a:\n    command:\n      ${'- '.repeat(10_000)}x\n`],
  [`${limits.maxDepth + 1} nested maps (below the parser's own limit)`, () => `${head}  a:\n    image: x\n    native:\n      k8s: ${'{a: '.repeat(limits.maxDepth)}1${'}'.repeat(limits.maxDepth)}\n`],
  ['alias bomb', () => `version: 1\nproject: x\n${Array.from({ length: 10 }, (_, i) => `a${i}: &a${i} [${i === 0 ? 'x,x,x,x,x,x,x,x,x,x' : Array(10).fill(`*a${i - 1}`).join(',')}]`).join('\n')}\nservices: {a: {command: *a9}}\n`],
  ['deep alias chain', () => `${head}  a:\n    image: x\n    native:\n      compose:\n${Array.from({ length: 5 }, (_, i) => `        k${i}: &a${i} ${'{a: '.repeat(60)}${i === 0 ? '1' : `*a${i - 1}`}${'}'.repeat(60)}`).join('\n')}\n      k8s: {x: *a4}\n`],
  [`${limits.maxEntries + 1} services`, () => head + Array.from({ length: limits.maxEntries + 1 }, (_, i) => `  s${i}:\n    image: x\n`).join('')],
  ['a 10,000-service dependency cycle', () => head + Array.from({ length: 10_000 }, (_, i) => `  s${i}:\n    image: x\n    depends_on: [s${(i + 9_999) % 10_000}]\n`).join('')],
  ['20,000 command arguments', () => `${head}  a:\n    image: x\n    command: [${Array(20_000).fill('a').join(',')}]\n`],
  ['30,000 env keys, half of them invalid', () => `${head}  a:\n    command: x\n    env:\n${Array.from({ length: 30_000 }, (_, i) => `      ${i % 2 ? 'E' : '9'}${i}: v\n`).join('')}`],
  ['30,000 duplicate keys', () => `${head}  a:\n    command: x\n    env:\n${'      A: v\n'.repeat(30_000)}`],
  ['a 1 MiB env value', () => `${head}  a:\n    image: x\n    env: {A: ${JSON.stringify('%$"\\\n;#[s]'.repeat(100_000))}}\n`],
  ['a 1 MiB shell command', () => `${head}  a:\n    image: x\n    command: ${JSON.stringify("it's $HOME %s\n".repeat(70_000))}\n`],
  ['just over 4 MiB', () => `${head}#${'x'.repeat(limits.maxBytes)}\n`],
  ['NUL bytes and control characters', () => `${head}  a\u0000:\n    image: "x\u0000"\n    env: {A: "\u0000\u0001\u001b"}\n\u0007`],
  ['binary garbage', () => String.fromCharCode(...Array.from({ length: 60_000 }, (_, i) => (i * 7919 + 13) % 256))],
  ['a GPU count of 2^31-1 on a process service (once an out-of-memory abort)', () => `${head}  a:\n    command: [x]\n    gpu: {count: 2147483647}\n`],
  ['a GPU count of 1e308 and an 18-digit restart delay', () => `${head}  a:\n    command: [x]\n    gpu: {count: 1e308}\n    restart: {delay: 999999999999999999h, max_attempts: 1e308}\n`],
  ['empty file', () => ''],
  ['only a comment', () => '# nothing\n'],
  ['a scalar document', () => '42\n'],
  ['a list document', () => '- version: 1\n'],
  ['several documents', () => `${head}  a: {image: x}\n---\n${head}  b: {image: y}\n`],
  ['numbers where strings go', () => `version: 1\nproject: 7\nservices:\n  a:\n    image: 1\n    command: [1, 2.5, true, null]\n    env: {A: [1], B: {c: 1}}\n    ports: [8080]\n    depends_on: {b: 3}\n`],
  ['a BOM and CRLF line ends', () => `\ufeff${head.replace(/\n/g, '\r\n')}  a:\r\n    image: x\r\n`],
  ['a carriage return alone, first and between entries', () => `\r# c\n${head}  a:\r    image: x\n  b: {image: x}\r# c\n`],
  ['tags and merge keys', () => `${head}  base: &b {image: x}\n  a:\n    <<: *b\n    <<: *b\n    command: !!binary aGVsbG8=\n    env: !!set {A: null}\n`],
];
