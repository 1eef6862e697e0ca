import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { closingLine, summarize } from '../../scripts/ci/test-summary.mjs';
import { PROJECT_ROOT, tempDir } from '../support/tools.js';

const SCRIPT = join(PROJECT_ROOT, 'scripts/ci/test-summary.mjs');
const VITEST = join(PROJECT_ROOT, 'node_modules/.bin/vitest');

type Status = 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
const file = (name: string, statuses: Status[], status = 'passed', message = '') => ({
  name,
  status,
  message,
  assertionResults: statuses.map((s, i) => ({ title: `t${i}`, fullName: `t${i}`, status: s, failureMessages: [] })),
});

describe('test summary counting', () => {
  it('counts passed, failed and skipped tests of healthy files', () => {
    const totals = summarize({ testResults: [file('a', ['passed', 'passed', 'skipped']), file('b', ['failed', 'todo'], 'failed')] });
    expect(closingLine(totals)).toBe('tests: 2 passed, 1 failed, 2 skipped');
    expect(totals.brokenFiles).toEqual([]);
  });

  it('counts every test that never finished (a dead worker) as failed', () => {
    const totals = summarize({ testResults: [file('crashed', ['pending', 'pending', 'pending'])] });
    expect(closingLine(totals)).toBe('tests: 0 passed, 3 failed, 0 skipped');
    expect(totals.brokenFiles).toEqual([{ name: 'crashed', reason: '3 test(s) never finished (the worker died or the run stopped)' }]);
  });

  it('counts a file that failed outside its tests, or reported none, as one failure', () => {
    const totals = summarize({ testResults: [file('hook', ['skipped'], 'failed', 'boom'), file('empty', [])] });
    expect(closingLine(totals)).toBe('tests: 0 passed, 2 failed, 1 skipped');
    expect(totals.brokenFiles.map((f: { name: string }) => f.name)).toEqual(['hook', 'empty']);
  });

  it('names a non-zero vitest exit that no count explains', () => {
    expect(closingLine({ passed: 4, failed: 0, skipped: 0, brokenFiles: [] }, 1)).toBe('tests: 4 passed, 0 failed, 0 skipped (vitest exited 1: see its errors above)');
  });

  it('reads the saved report of a run where a worker aborted, a hook threw and a file died while loading', async () => {
    const r = await execa('node', [SCRIPT, join(PROJECT_ROOT, 'test/ci/fixtures/vitest-worker-crash.json'), '1'], { reject: false });
    expect(r.stdout).toBe('tests: 1 passed, 5 failed, 2 skipped');
    expect(r.stderr.split('\n')).toEqual([
      'broken test file: /tmp/vitest-crash/t/crash.test.ts: 3 test(s) never finished (the worker died or the run stopped)',
      'broken test file: /tmp/vitest-crash/t/hookfail.test.ts: failed outside its tests: boom',
      'broken test file: /tmp/vitest-crash/t/importcrash.test.ts: reported no test (the worker died while loading it?)',
    ]);
    expect(r.exitCode).toBe(1);
  });

  it('exits 2 and says so when there is no report', async () => {
    const r = await execa('node', [SCRIPT, '/nonexistent/report.json', '1'], { reject: false });
    expect(r.stdout).toMatch(/^tests: no results \(the run failed before the tests: ENOENT/);
    expect(r.exitCode).toBe(2);
  });
});

describe('test summary of a real vitest run whose worker dies', () => {
  it('says failed where vitest says success', async () => {
    const dir = await tempDir('orchgen-vitest-crash-');
    try {
      await mkdir(join(dir.path, 't'));
      await writeFile(join(dir.path, 'vitest.config.mjs'), "export default { test: { include: ['t/**/*.test.ts'] } };\n");
      await writeFile(join(dir.path, 't/ok.test.ts'), "import { expect, it } from 'vitest';\nit('ok', () => expect(1).toBe(1));\n");
      await writeFile(
        join(dir.path, 't/crash.test.ts'),
        "import { expect, it } from 'vitest';\nit('before', () => expect(1).toBe(1));\nit('dies', () => process.abort());\nit('after', () => expect(1).toBe(1));\n",
      );
      const reportPath = join(dir.path, 'report.json');
      const run = await execa(VITEST, ['run', '--root', dir.path, '--reporter=json', `--outputFile=${reportPath}`], { cwd: dir.path, reject: false, env: { CI: '' } });
      const report = JSON.parse(await readFile(reportPath, 'utf8'));
      // What vitest itself reports: the reason for this script.
      expect([report.success, report.numFailedTests, report.numFailedTestSuites]).toEqual([true, 0, 0]);
      expect(run.exitCode).toBe(1);
      const summary = await execa('node', [SCRIPT, reportPath, String(run.exitCode)], { reject: false });
      expect(summary.stdout).toBe('tests: 1 passed, 3 failed, 0 skipped');
      expect(summary.exitCode).toBe(1);
    } finally {
      await dir.cleanup();
    }
  });
});
