#!/usr/bin/env node
// The closing line of a CI run, from vitest's JSON report:
//   tests: N passed, N failed, N skipped
//
// vitest's own totals hide a crashed worker: when a worker dies (OOM,
// abort), the tests of its file keep the status "pending" (they never
// finished), the file is reported "passed" and `numFailedTests` stays 0;
// a file that dies while loading has no tests at all. Here every test that
// never finished counts as failed, and so does every file that failed
// outside its tests (a hook, an import) or reported no test at all.
//
// Usage: node scripts/ci/test-summary.mjs REPORT.json [VITEST_EXIT_CODE]
// Prints the line (and the broken files on stderr); exits 1 when anything
// failed or vitest itself exited non-zero, 2 when the report is unreadable.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SKIPPED = new Set(['skipped', 'todo', 'disabled']);

/** Why a file counts as failed beyond its failed tests, or undefined. */
function brokenFileReason(file, counts) {
  if (counts.notFinished > 0) return `${counts.notFinished} test(s) never finished (the worker died or the run stopped)`;
  if (counts.failed > 0) return undefined;
  if (file.status === 'failed') return `failed outside its tests: ${file.message || 'no message'}`;
  if ((file.assertionResults ?? []).length === 0) return 'reported no test (the worker died while loading it?)';
  return undefined;
}

function countFile(file) {
  const counts = { passed: 0, failed: 0, skipped: 0, notFinished: 0 };
  for (const test of file.assertionResults ?? []) {
    if (test.status === 'passed') counts.passed += 1;
    else if (test.status === 'failed') counts.failed += 1;
    else if (SKIPPED.has(test.status)) counts.skipped += 1;
    else counts.notFinished += 1;
  }
  return counts;
}

/**
 * Totals of a vitest JSON report. `failed` includes the tests that never
 * finished and one per file that failed outside its tests or had none.
 */
export function summarize(report) {
  const totals = { passed: 0, failed: 0, skipped: 0, brokenFiles: [] };
  for (const file of report.testResults ?? []) {
    const counts = countFile(file);
    totals.passed += counts.passed;
    totals.skipped += counts.skipped;
    totals.failed += counts.failed + counts.notFinished;
    const reason = brokenFileReason(file, counts);
    if (reason === undefined) continue;
    totals.brokenFiles.push({ name: file.name, reason });
    if (counts.notFinished === 0) totals.failed += 1;
  }
  return totals;
}

/** The closing line; names a non-zero vitest exit that no count explains. */
export function closingLine(totals, exitCode = 0) {
  const line = `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
  if (exitCode !== 0 && totals.failed === 0) return `${line} (vitest exited ${exitCode}: see its errors above)`;
  return line;
}

function main(argv) {
  const [reportPath, exitArg = '0'] = argv;
  const exitCode = Number.parseInt(exitArg, 10) || 0;
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch (err) {
    console.log(`tests: no results (the run failed before the tests: ${err.message})`);
    return 2;
  }
  const totals = summarize(report);
  for (const file of totals.brokenFiles) console.error(`broken test file: ${file.name}: ${file.reason}`);
  console.log(closingLine(totals, exitCode));
  return totals.failed > 0 || exitCode !== 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
