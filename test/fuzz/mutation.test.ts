import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileText, type Compiled } from '../../src/pipeline/compile.js';
import { targetNames } from '../../src/targets/all.js';
import { catalog } from '../../src/diagnostics/catalog.js';
import { limits } from '../../src/spec/load.js';
import { PROJECT_ROOT } from '../support/tools.js';
import { specArbitrary, toYaml } from './arbitraries.js';
import { fuzzRun } from './seed.js';
import { located, renderAll } from './support.js';

const RUNS = 300;

const examples = readdirSync(path.join(PROJECT_ROOT, 'examples'))
  .sort()
  .map((dir) => readFileSync(path.join(PROJECT_ROOT, 'examples', dir, 'orchgen.yaml'), 'utf8'));

/** compileText must not throw; an invalid result has located error diagnostics from the catalog; a valid one renders. */
function checkOutcome(text: string): Compiled {
  let compiled: Compiled;
  try {
    compiled = compileText('orchgen.yaml', text, targetNames);
  } catch (error) {
    throw new Error(`compileText threw ${(error as Error)?.stack ?? String(error)}\n--- input (first 2000 chars) ---\n${text.slice(0, 2000)}`);
  }
  for (const d of located(compiled)) {
    expect(Object.keys(catalog), d.message).toContain(d.code);
    expect(d.severity).toBe(catalog[d.code].severity);
    expect(Number.isInteger(d.line) && d.line >= 1, `${d.code} ${d.message} at ${d.line}:${d.col}`).toBe(true);
    expect(Number.isInteger(d.col) && d.col >= 1, `${d.code} ${d.message} at ${d.line}:${d.col}`).toBe(true);
  }
  if (!compiled.model) {
    expect(compiled.diagnostics.some((d) => d.severity === 'error'), 'no model but no error').toBe(true);
  } else {
    expect(compiled.diagnostics.some((d) => d.severity === 'error')).toBe(false);
    try {
      renderAll(compiled);
    } catch (error) {
      throw new Error(`renderTargets threw ${(error as Error)?.stack ?? String(error)}\n--- input ---\n${text.slice(0, 2000)}`);
    }
  }
  return compiled;
}

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

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: junk }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('reindent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('deleteBrackets' as const), at: fc.nat() }),
);

function applyText(text: string, m: TextMutation): string {
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

const dataMutation: fc.Arbitrary<DataMutation> = fc.record({
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

function applyData(data: Record<string, unknown>, mutations: readonly DataMutation[]): string {
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

describe('fuzz: mutated specs', () => {
  it('text mutations of the examples and of generated specs never throw', () => {
    let inputs = 0;
    let invalid = 0;
    const source = fc.oneof(fc.constantFrom(...examples), specArbitrary({ rich: true, maxServices: 3 }).map((g) => g.text));
    const run = fuzzRun('text-mutations', RUNS);
    fc.assert(
      fc.property(source, fc.array(textMutation, { minLength: 1, maxLength: 4 }), (text, mutations) => {
        inputs++;
        const mutated = mutations.reduce(applyText, text);
        if (!checkOutcome(mutated).model) invalid++;
      }),
      run,
    );
    console.log(`property text-mutations: ${inputs} inputs (${invalid} invalid)`);
    expect(inputs).toBeGreaterThanOrEqual(run.numRuns);
  });

  it('data mutations (wrong types, deleted and added keys, huge and deep values) never throw', () => {
    let inputs = 0;
    let invalid = 0;
    const exampleData = examples.map((text) => compileText('orchgen.yaml', text, targetNames).parsed!.data as Record<string, unknown>);
    const source = fc.oneof(fc.constantFrom(...exampleData), specArbitrary({ rich: true, maxServices: 3 }).map((g) => g.data));
    const run = fuzzRun('data-mutations', RUNS);
    fc.assert(
      fc.property(source, fc.array(dataMutation, { minLength: 1, maxLength: 3 }), (data, mutations) => {
        inputs++;
        const text = applyData(data, mutations);
        if (!checkOutcome(text).model) invalid++;
      }),
      run,
    );
    console.log(`property data-mutations: ${inputs} inputs (${invalid} invalid)`);
    expect(inputs).toBeGreaterThanOrEqual(run.numRuns);
  });

  const head = 'version: 1\nproject: x\nservices:\n';
  const hostile: Array<[string, () => string]> = [
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
    ['tags and merge keys', () => `${head}  base: &b {image: x}\n  a:\n    <<: *b\n    <<: *b\n    command: !!binary aGVsbG8=\n    env: !!set {A: null}\n`],
  ];

  it.each(hostile)('%s: compileText returns diagnostics or a model, never throws', (_, make) => {
    const started = Date.now();
    const compiled = checkOutcome(make());
    expect(Date.now() - started, 'took too long').toBeLessThan(30_000);
    if (!compiled.model) expect(compiled.diagnostics.length).toBeGreaterThan(0);
  });

  it('a 10,000-long dependency chain compiles into 10,000 waves', () => {
    const chain = head + Array.from({ length: 10_000 }, (_, i) => `  s${i}:\n    image: x\n${i ? `    depends_on: {s${i - 1}: started}\n` : ''}`).join('');
    const compiled = compileText('orchgen.yaml', chain, targetNames);
    expect(located(compiled).filter((d) => d.severity === 'error')).toEqual([]);
    expect(compiled.plan!.waves.length).toBe(10_000);
    expect(compiled.plan!.criticalPath.length).toBe(10_000);
  });

  it('the bounds report E003 at the spot', () => {
    const deep = compileText('orchgen.yaml', hostile[0]![1](), targetNames);
    expect(deep.diagnostics.map((d) => d.code)).toContain('E003');
    const services = compileText('orchgen.yaml', hostile.find(([label]) => label.endsWith(' services'))![1](), targetNames);
    expect(located(services).map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual([`4:3 E003 \`services\` has more than ${limits.maxEntries} entries`]);
    const args = compileText('orchgen.yaml', hostile.find(([label]) => label.endsWith('command arguments'))![1](), targetNames);
    expect(located(args).map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual([`6:14 E003 \`services.a.command\` has more than ${limits.maxEntries} entries`]);
    const dupes = compileText('orchgen.yaml', hostile.find(([label]) => label.endsWith('duplicate keys'))![1](), targetNames);
    expect(located(dupes).slice(0, 2).map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual(['8:7 E001 Map keys must be unique', '9:7 E001 Map keys must be unique']);
  });
});
