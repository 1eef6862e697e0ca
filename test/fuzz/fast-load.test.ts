import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSpec } from '../../bench/gen-spec.mjs';
import { targetNames, targets } from '../../src/targets/all.js';
import { fastLoad } from '../../src/spec/fast-load.js';
import { parseSpecText, type ParseResult } from '../../src/spec/load.js';
import { renderDiagnostics } from '../../src/spec/render.js';
import { validateSpec } from '../../src/spec/validate.js';
import { specArbitrary } from './arbitraries.js';
import { applyData, applyText, dataMutation, examples, head, hostile, textMutation } from './mutations.js';
import { fuzzRun } from './seed.js';

const RUNS = 300;

/** The data with key order, -0, NaN and the infinities spelt out, so that equal text means equal data. */
function exactly(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? `number ${Object.is(v, -0) ? '-0' : String(v)}` : typeof v === 'string' ? `string ${v}` : v)) ?? 'undefined';
}

/**
 * The loader's and the validator's diagnostics as `orchgen validate` prints them; for nesting that
 * overflows the `yaml` package's stack, without the spot, which is wherever the stack ran out (it
 * moves from one run of the same loader to the next as the code gets compiled).
 */
function printed(result: ParseResult): string {
  const data = result.spec?.data;
  const all = [...result.diagnostics, ...(result.spec ? validateSpec(data, { targets: targetNames, runners: targets }) : [])];
  const text = renderDiagnostics(all, { file: 'orchgen.yaml', color: false, ...(result.spec ? { positions: result.spec.positions } : {}) });
  return text.replace(/^orchgen\.yaml:\d+:\d+: (error\[E003\]: spec is nested more than)/gm, 'orchgen.yaml: $1');
}

interface Tally {
  inputs: number;
  fast: number;
}

/** The loader (fast where it can be) and the exact loader give the same data and print the same diagnostics. */
function agree(text: string, tally: Tally): void {
  tally.inputs++;
  if (fastLoad(text)) tally.fast++;
  const loaded = parseSpecText('orchgen.yaml', text);
  const exact = parseSpecText('orchgen.yaml', text, false);
  const input = `--- input (first 2000 chars) ---\n${text.slice(0, 2000)}`;
  expect(exactly(loaded.spec?.data), input).toBe(exactly(exact.spec?.data));
  expect(printed(loaded), input).toBe(printed(exact));
}

function property(label: string, source: fc.Arbitrary<string>, minimumFast: number): void {
  const tally: Tally = { inputs: 0, fast: 0 };
  const run = fuzzRun(label, RUNS);
  fc.assert(
    fc.property(source, (text) => agree(text, tally)),
    run,
  );
  console.log(`property ${label}: ${tally.inputs} inputs, ${tally.fast} read by the fast loader`);
  expect(tally.inputs).toBeGreaterThanOrEqual(run.numRuns);
  // the property would prove nothing if the fast loader declined every input
  expect(tally.fast).toBeGreaterThanOrEqual(minimumFast);
}

/** Plain scalars, keys and node properties where YAML 1.1, js-yaml's defaults and the core schema part ways. */
const trickyScalars = [
  '1.0', '1.50', '0x1F', '0o17', '017', '0b101', '1_000', '+12', '-0', '+0', '1e3', '1E+3', '.5', '5.', '1e400', '-1e400', '.inf', '-.Inf', '+.INF', '.nan', '.NaN',
  'true', 'True', 'TRUE', 'tRUE', 'yes', 'no', 'on', 'off', 'y', 'n', '~', 'null', 'Null', 'NULL', '', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '12:30:00', '=',
  '"1.0"', "'true'", '!!str 1', '!!int "1"', '! 1', '!<tag:yaml.org,2002:str> 1', '!custom 1', '&a 1', '*a', '[1, 2]', '{a: 1}', '|\n        text', '>-\n        folded',
  '"\\x41\\u00e9\\N"', '"a\\\n        b"', 'a #c', 'a: b', '- a', '? a', '99999999999999999999', '0x', '0o8', '1.0.0', '-.5e-3', '00', '0999',
];
const trickyKeys = ['A', 'null', '~', 'Null', '1', '1.0', '0x1', 'true', 'True', '<<', '"<<"', '__proto__', '"__proto__"', 'constructor', '[a, b]', '{a: 1}', '? [a]', '"a,b"', '""', '-0', '.nan'];

/** A spec whose env, command and extra keys hold tricky scalars and keys. */
const trickySpec = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...trickyKeys), fc.constantFrom(...trickyScalars)), { maxLength: 6 }),
    fc.array(fc.constantFrom(...trickyScalars), { maxLength: 3 }),
    fc.constantFrom('', 'x-extra: &x {a: 1}\n', '%YAML 1.1\n---\n', '--- !!map\n', 'defaults:\n  env: {D: 1.0, E: 8080, F: True}\n'),
    fc.constantFrom('env', 'labels'),
  )
  .map(([pairs, items, prefix, map]) => {
    const entries = pairs.map(([key, value]) => `      ${key}: ${value}`).join('\n');
    const command = items.length ? `    command:\n${items.map((item) => `      - ${item}`).join('\n')}\n` : '    command: [run]\n';
    return `${prefix}${head}  a:\n${command}    ${map}:${entries ? `\n${entries}` : ' {}'}\n`;
  });

/**
 * Quoted scalars and flow collections broken across lines, indented too little and enough: js-yaml
 * reads every one of them, YAML (and the `yaml` package) only the indented ones. The first came
 * from seed 1389050738 of the text mutations.
 */
const continuationLines: Array<[string, string]> = [
  ['a flow map, its next line at its key\'s indentation', `${head}  a:\n    command: [run]\n    health: { interval: \n    3s, timeout: 2s }\n`],
  ['a flow map, its next line indented more', `${head}  a:\n    command: [run]\n    health: { interval: \n      3s, timeout: 2s }\n`],
  ['a flow list, its next line at its key\'s indentation', `${head}  a:\n    command: [run,\n    x]\n`],
  ['a flow list, its next line indented with a tab', `${head}  a:\n    command: [run,\n\tx]\n`],
  ['a double-quoted scalar, its next line at its key\'s indentation', `${head}  a:\n    command: [run]\n    description: "one\n    two"\n`],
  ['a single-quoted scalar, its next line indented more', `${head}  a:\n    command: [run]\n    description: 'one\n      two'\n`],
  ['a double-quoted list item, its next line at the dash', `${head}  a:\n    command:\n    - "run\n    x"\n`],
];

/**
 * Block scalars with an indentation indicator, which counts from the parent node: js-yaml read the
 * first (from seed 295028803 of the text mutations) as two spaces, YAML as one.
 */
const indentationIndicators: Array<[string, string]> = [
  ['a stripped literal of spaces only, nested', `${head}  a:\n    command: [run]\n    env:\n      A: |2-\n         `],
  ['a literal with an indicator under a list item', `${head}  a:\n    command:\n      - |1\n         x\n        y\n`],
  ['a folded scalar with an indicator and keep chomping', `${head}  a:\n    command: [run]\n    description: >+2\n        a\n       b\n\n`],
];

/** A block scalar in a service's env or description, its lines drawn from text, blanks, spaces and tabs at every indentation. */
const blockScalarSpec = fc
  .tuple(
    fc.constantFrom('|', '|-', '|+', '>', '>-', '>+', '|2', '>1-', '|+3'),
    fc.array(fc.constantFrom('x', 'y z', '', ' ', '  ', '\t', ' \t', '\t ', '#c'), { minLength: 1, maxLength: 6 }),
    fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 6, maxLength: 6 }),
    fc.constantFrom('\n', ''),
    fc.boolean(),
  )
  .map(([header, texts, indents, end, inEnv]) => {
    const [key, at] = inEnv ? ['    env:\n      A', 6] : ['    description', 4];
    const body = texts.map((text, i) => (text === '' ? '' : ' '.repeat(at + indents[i]!) + text)).join('\n');
    return `${head}  a:\n    command: [run]\n${key}: ${header}\n${body}${end}`;
  });

describe('fuzz: the fast loader agrees with the exact one', () => {
  it.each(continuationLines)('on %s', (_, text) => {
    const tally = { inputs: 0, fast: 0 };
    agree(text, tally);
    expect(tally.inputs).toBe(1);
  });

  it.each(indentationIndicators)('on %s', (_, text) => {
    const tally = { inputs: 0, fast: 0 };
    agree(text, tally);
    expect(tally.fast, 'the fast loader defers to the exact one').toBe(0);
  });

  it('on generated valid specs', () => {
    const source = fc.oneof(specArbitrary({ rich: true, maxServices: 4 }).map((g) => g.text), fc.integer({ min: 1, max: 40 }).map((n) => generateSpec(n)));
    property('fast-load-valid', source, RUNS / 2);
  });

  it('on text mutations of the examples and of generated specs', () => {
    const text = fc.oneof(fc.constantFrom(...examples), specArbitrary({ rich: true, maxServices: 3 }).map((g) => g.text));
    const source = fc.tuple(text, fc.array(textMutation, { minLength: 1, maxLength: 4 })).map(([t, mutations]) => mutations.reduce(applyText, t));
    property('fast-load-text-mutations', source, 1);
  });

  it('on data mutations of the examples and of generated specs', () => {
    const exampleData = examples.map((text) => parseSpecText('orchgen.yaml', text, false).spec!.data as Record<string, unknown>);
    const data = fc.oneof(fc.constantFrom(...exampleData), specArbitrary({ rich: true, maxServices: 3 }).map((g) => g.data));
    const source = fc.tuple(data, fc.array(dataMutation, { minLength: 1, maxLength: 3 })).map(([d, mutations]) => applyData(d, mutations));
    property('fast-load-data-mutations', source, 1);
  });

  it('on block scalars holding blank lines, lines of spaces and tabs, at the end with or without a line break', () => {
    property('fast-load-block-scalars', blockScalarSpec, 1);
  });

  it('on tricky scalars, keys, tags, anchors and directives', () => {
    property('fast-load-tricky', trickySpec, 1);
  });

  it.each(hostile)('on a hostile spec: %s', (_, make) => {
    const tally = { inputs: 0, fast: 0 };
    agree(make(), tally);
    expect(tally.inputs).toBe(1);
  });
});
