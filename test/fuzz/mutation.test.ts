import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileText, type Compiled } from '../../src/pipeline/compile.js';
import { targetNames } from '../../src/targets/all.js';
import { catalog } from '../../src/diagnostics/catalog.js';
import { limits } from '../../src/spec/load.js';
import { specArbitrary } from './arbitraries.js';
import { applyData, applyText, dataMutation, examples, head, hostile, textMutation } from './mutations.js';
import { fuzzRun } from './seed.js';
import { located, renderAll } from './support.js';

const RUNS = 300;

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
