import { join, resolve } from 'node:path';
import { checkOutput, hasDrift, type Drift } from '../../output/check.js';
import { OutputStateError } from '../../output/errors.js';
import { journalName } from '../../output/names.js';
import type { PlannedFile } from '../../output/plan.js';
import type { Scope } from '../../output/scope.js';
import { writeOutput } from '../../output/write.js';
import { buildSpec, type BuildResult } from '../../pipeline/build.js';
import { summary } from '../../spec/render.js';
import type { Target } from '../../targets/target.js';
import type { BuildOptions } from '../commands/build.js';
import { specFile } from '../commands/shared.js';
import { boundHeapGrowth } from '../heap-growth.js';
import type { Io } from '../io.js';
import { report, reportBuild } from '../report.js';

export function build(io: Io, options: BuildOptions, targets?: readonly Target[]): number {
  boundHeapGrowth(io.cwd, options.file);
  const built = buildSpec({ file: specFile(io, options.file), cwd: io.cwd, out: options.out, selected: options.target, targets });
  const outDir = built.outDir;
  const files = reported(io, built, options.verbose ?? false);
  if (!files) return 1;
  try {
    return writeOrCompare(io, options, outDir, files, options.target);
  } catch (error) {
    if (!(error instanceof OutputStateError)) throw error;
    io.err(`${join(outDir, error.file)}: error: ${error.message}\n`);
    return 1;
  }
}

/** `-t` given: the build owns only those targets' folders, and leaves the others' files alone. */
function writeOrCompare(io: Io, options: BuildOptions, outDir: string, files: readonly PlannedFile[], scope: Scope): number {
  if (options.check) return check(io, outDir, files, scope);
  if (options.dryRun) return dryRun(io, outDir, files, scope);
  const written = writeOutput(resolve(io.cwd, outDir), files, scope);
  if (written.finishedInterrupted) io.out(`${outDir}: finished an interrupted build (${journalName})\n`);
  io.out(`${outDir}: ${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed\n`);
  for (const path of written.written) io.out(`  wrote ${path}\n`);
  for (const path of written.removed) io.out(`  removed ${path}\n`);
  return 0;
}

/** The planned files, or undefined (after printing why) when the spec or a target has an error. */
function reported(io: Io, built: BuildResult, verbose: boolean): PlannedFile[] | undefined {
  if (built.stage === 'spec') {
    report(io, built.compiled);
    io.err(`${summary(built.compiled.diagnostics)}; nothing written\n`);
    return undefined;
  }
  reportBuild(io, built.compiled, built.rendered, verbose, built.positions);
  if (!built.ok) {
    io.err(`${summary([...built.compiled.diagnostics, ...built.rendered.diagnostics])}; nothing written\n`);
    return undefined;
  }
  return built.files;
}

function check(io: Io, outDir: string, files: readonly PlannedFile[], scope: Scope): number {
  const drift = checkOutput(resolve(io.cwd, outDir), files, scope);
  if (drift.interrupted) {
    io.err(`an interrupted build left ${join(outDir, journalName)}; run \`orchgen build\` to finish it\n`);
    return 1;
  }
  if (!hasDrift(drift)) {
    io.out(`${outDir}: up to date (${files.length} files)\n`);
    return 0;
  }
  io.err(`${outDir} is out of date; run \`orchgen build\`:\n${listDrift(drift)}`);
  return 1;
}

function listDrift(drift: Drift): string {
  const line = (kind: string) => (path: string) => `  ${kind} ${path}\n`;
  return [...drift.missing.map(line('missing')), ...drift.changed.map(line('changed')), ...drift.extra.map(line('extra  '))].join('');
}

function dryRun(io: Io, outDir: string, files: readonly PlannedFile[], scope: Scope): number {
  const drift = checkOutput(resolve(io.cwd, outDir), files, scope);
  const [missing, changed] = [new Set(drift.missing), new Set(drift.changed)];
  const status = (path: string) => (missing.has(path) ? 'create' : changed.has(path) ? 'update' : 'keep  ');
  io.out(`${outDir} (dry run, nothing written):\n`);
  if (drift.interrupted) io.out(`  finish the interrupted build in ${join(outDir, journalName)}\n`);
  for (const file of files) io.out(`  ${status(file.path)} ${file.path}\n`);
  for (const path of drift.extra) io.out(`  remove ${path}\n`);
  return 0;
}
