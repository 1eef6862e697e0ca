/** The shared conformance suite: one scenario run per target, then every check against it. */
import { expect, it, beforeAll, afterAll } from 'vitest';
import { describeWithTool, type TempDir } from '../support/tools.js';
import type { Stack, TargetAdapter } from './adapter.js';
import { CHECKS } from './checks.js';
import { cell, readColumn, writeColumn, writing, type Column } from './results.js';
import { FIXTURE } from './fixture/spec.js';
import { removeLeftovers } from './look.js';
import { makeStack, runScenario, type Observations } from './scenario.js';

export function conformanceSuite(adapter: TargetAdapter): Promise<void> {
  return describeWithTool(`conformance: ${adapter.title} runs the built stack natively`, adapter.tool, () => {
    let stack: Stack | undefined;
    let temp: TempDir | undefined;
    let observed: Observations | undefined;
    const measured: Column = {};

    beforeAll(async () => {
      ({ stack, temp } = await makeStack(adapter));
      observed = await runScenario(adapter, stack);
      const { exitCode, output } = observed.start;
      console.log(`${adapter.id}: the start command exited ${exitCode}${exitCode === 0 ? '' : `: ${output.trim().split('\n').slice(-5).join(' | ')}`}`);
    }, 300_000);
    afterAll(async () => {
      if (stack) {
        await adapter.cleanup(stack);
        await removeLeftovers(stack.project, stack.run, `${stack.project}_${FIXTURE.volume}`);
      }
      await temp?.cleanup();
    }, 120_000);

    for (const check of CHECKS) {
      const difference = adapter.differences[check.id];
      const title = difference === undefined ? check.concern : `${check.concern}: not natively (${difference})`;
      it(title, () => {
        const outcome = check.judge(observed!);
        measured[check.id] = cell(outcome, difference);
        console.log(`${adapter.id} ${check.id}: ${outcome.holds ? 'holds' : 'does not hold'}: ${outcome.detail}`);
        if (difference === undefined) expect(outcome.holds, outcome.detail).toBe(true);
        else {
          expect(outcome.holds, `documented as a difference, but it held: ${outcome.detail}`).toBe(false);
          expect(outcome.missing ?? false, `the difference could not be seen: ${outcome.detail}`).toBe(false);
        }
      });
    }

    it(`test/conformance/results/${adapter.id}.json is what was measured`, () => {
      expect(Object.keys(measured)).toHaveLength(CHECKS.length);
      if (writing()) writeColumn(adapter.id, measured);
      expect(readColumn(adapter.id)).toEqual(measured);
    });
  });
}
