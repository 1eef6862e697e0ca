import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileFile } from '../../src/pipeline/compile.js';
import { catalog, type Code } from '../../src/diagnostics/catalog.js';
import { targetNames } from '../../src/targets/all.js';
import { diagnose, spec } from '../helpers.js';
import { cases } from './cases.js';

describe('each diagnostic: code, line, column and message', () => {
  test.each(cases.map((c) => [`${c.code} ${c.name}`, c] as const))('%s', (_, c) => {
    expect(diagnose(c.yaml)).toEqual(c.expected);
    expect(c.expected[0]).toContain(`[${c.code}]`);
  });

  test('E002 a spec that cannot be read', () => {
    const compiled = compileFile('does/not/exist.yaml', targetNames);
    expect(compiled.diagnostics).toMatchObject([{ code: 'E002', message: `cannot read the spec: no such file: ${path.resolve('does/not/exist.yaml')}`, position: { line: 1, col: 1 } }]);
  });
});

describe('every problem at once', () => {
  test('schema problems and checks beyond the schema in one report', () => {
    const yaml = spec(
      'version: 1',
      'project: demo',
      'services:',
      '  db:',
      '    image: postgres',
      '    healthcheck: {tcp: "127.0.0.1:5432"}',
      '  api:',
      '    image: busybox',
      '    restart: sometimes',
      '  worker:',
      '    image: busybox',
      '    depends_on: [apii]',
    );
    expect(diagnose(yaml)).toEqual([
      'orchgen.yaml:6:5: error[E101]: unknown key `healthcheck` in `services.db`',
      '  hint: did you mean `health`?',
      'orchgen.yaml:9:14: error[E104]: `services.api.restart` must be `always`, `on-failure`, `no` or a mapping, not `sometimes`',
      'orchgen.yaml:12:18: error[E201]: `worker` depends on `apii`, which is not a service',
      '  hint: did you mean `api`?',
    ]);
  });
});

/** Codes raised outside the spec's own checks, and the test files that assert them. */
const testedWithTargets: Partial<Record<Code, string>> = {
  E002: 'test/spec/diagnostics.test.ts',
  W102: 'test/build/placement.test.ts',
  E301: 'test/targets/supervisor',
  W103: 'test/targets/pm2',
  E401: 'test/import/unset-variables.test.ts',
  E402: 'test/import/unset-variables.test.ts',
  E403: 'test/import/file-mounts.test.ts',
  W201: 'test/import/compose.test.ts',
  W202: 'test/import/compose.test.ts',
  W203: 'test/import/compose.test.ts',
  W204: 'test/import/compose.test.ts',
  W205: 'test/import/compose.test.ts',
  W206: 'test/import/procfile.test.ts',
  W207: 'test/import/relative-paths.test.ts',
};

test('every code in the catalog has a test', () => {
  for (const code of Object.keys(catalog) as Code[]) {
    const elsewhere = testedWithTargets[code];
    if (elsewhere) continue;
    expect(cases.some((c) => c.code === code), `no case for ${code}`).toBe(true);
  }
  for (const [code, place] of Object.entries(testedWithTargets)) {
    expect(sourcesUnder(place).some((text) => text.includes(code)), `${place} does not test ${code}`).toBe(true);
  }
});

function sourcesUnder(place: string): string[] {
  if (place.endsWith('.ts')) return [readFileSync(place, 'utf8')];
  return readdirSync(place, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(`${place}/${name}`, 'utf8'));
}
