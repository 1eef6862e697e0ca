import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTargets } from '../../src/pipeline/render.js';
import { compileText } from '../../src/pipeline/compile.js';
import { targetNames } from '../../src/targets/all.js';
import { specArbitrary, type GeneratedSpec } from './arbitraries.js';
import { fuzzRun } from './seed.js';
import { describeDiagnostics, renderAll } from './support.js';

const RUNS = 300;

describe('fuzz: random valid specs', () => {
  it('compile without errors but E301, render every target without throwing, deterministically', () => {
    let inputs = 0;
    let refused = 0;
    const run = fuzzRun('valid-specs-compile-and-render', RUNS);
    fc.assert(
      fc.property(specArbitrary({ rich: true, maxServices: 5 }), (generated: GeneratedSpec) => {
        inputs++;
        const compiled = compileText('orchgen.yaml', generated.text, targetNames);
        const errors = compiled.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'E301');
        expect(errors, `${describeDiagnostics(compiled)}\n--- spec ---\n${generated.text}`).toEqual([]);
        expect(compiled.model).toBeDefined();
        const first = renderAll(compiled);
        const second = renderAll(compileText('orchgen.yaml', generated.text, targetNames));
        expect(second).toEqual(first);
        // each target alone renders what it renders among all of them
        for (const target of targetNames) {
          const alone = renderTargets({ model: compiled.model!, plan: compiled.plan! }, [target], { specFile: '/srv/spec/orchgen.yaml', outDir: '/srv/spec/out' });
          expect(alone.artifacts.map((a) => a.path)).toEqual(first.artifacts.filter((a) => a.target === target).map((a) => a.path));
        }
        if (first.diagnostics.some((d) => d.code === 'E301')) refused++;
      }),
      run,
    );
    console.log(`property valid-specs-compile-and-render: ${inputs} inputs (${refused} with an E301 refusal)`);
    expect(inputs).toBeGreaterThanOrEqual(run.numRuns);
  });
});
