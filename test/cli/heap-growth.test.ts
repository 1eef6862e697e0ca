import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateSpec } from '../../bench/gen-spec.mjs';
import { boundedGrowthFlag, heapGrowthFlagFor, largeSpecBytes } from '../../src/cli/heap-growth.js';
import { fileText } from '../../src/output/plan.js';
import { buildSpec } from '../../src/pipeline/build.js';
import { orchgen } from './run.js';

const scratch = mkdtempSync(join(tmpdir(), 'orchgen-heap-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the heap of a large build', () => {
  test('is bounded from the large-spec size on, and left to V8 below it', () => {
    expect(heapGrowthFlagFor(0)).toBeUndefined();
    expect(heapGrowthFlagFor(largeSpecBytes - 1)).toBeUndefined();
    expect(heapGrowthFlagFor(largeSpecBytes)).toBe(boundedGrowthFlag);
  });

  test('bounded, the CLI writes byte for byte what the unbounded pipeline plans', async () => {
    const spec = generateSpec(2600);
    expect(Buffer.byteLength(spec)).toBeGreaterThanOrEqual(largeSpecBytes);
    writeFileSync(join(scratch, 'orchgen.yaml'), spec);
    const run = await orchgen(['build', '-t', 'systemd,pm2'], { cwd: scratch, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    const planned = buildSpec({ file: join(scratch, 'orchgen.yaml'), cwd: scratch, out: join(scratch, 'out'), selected: ['systemd', 'pm2'] });
    if (!planned.ok) throw new Error('the spec did not build in process');
    expect(planned.files.length).toBeGreaterThan(2600);
    for (const file of planned.files) expect(readFileSync(join(scratch, 'out', file.path), 'utf8'), file.path).toBe(fileText(file));
  }, 120_000);
});
