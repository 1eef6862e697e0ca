import { dirname, join, resolve } from 'node:path';
import { renderTargets } from '../../build.js';
import { compileFile, type Compiled } from '../../compile.js';
import type { TargetName } from '../../model/types.js';
import { checkOutput, hasDrift, type Drift } from '../../output/check.js';
import { OutputStateError } from '../../output/errors.js';
import { journalName } from '../../output/names.js';
import { planFiles, type PlannedFile } from '../../output/plan.js';
import type { Scope } from '../../output/scope.js';
import { writeOutput } from '../../output/write.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { summary } from '../../spec/render.js';
import { registeredTargetNames } from '../../targets/all.js';
import type { BuildOptions } from '../commands/build.js';
import { specFile } from '../commands/shared.js';
import type { Io } from '../io.js';
import { positionsOf, report, reportBuild } from '../report.js';

export function build(io: Io, options: BuildOptions): number {
  const selected = options.target ?? registeredTargetNames();
  const file = specFile(io, options.file);
  const compiled = compileFile(file, selected);
  const outDir = options.out ?? join(dirname(file), 'out');
  const files = render(io, compiled, selected, outDir, options.verbose ?? false);
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
function render(io: Io, compiled: Compiled, selected: readonly TargetName[], outDir: string, verbose: boolean): PlannedFile[] | undefined {
  if (!compiled.model || !compiled.plan) {
    report(io, compiled);
    io.err(`${summary(compiled.diagnostics)}; nothing written\n`);
    return undefined;
  }
  const specFile = resolve(io.cwd, compiled.file);
  const positions = positionsOf(compiled);
  // the parsed document is many times the size of the positions: not kept alive while rendering
  delete compiled.parsed;
  const rendered = renderTargets({ model: compiled.model!, plan: compiled.plan! }, selected, { specFile, outDir: resolve(io.cwd, outDir) });
  reportBuild(io, compiled, rendered, verbose, positions);
  const all = [...compiled.diagnostics, ...rendered.diagnostics];
  if (hasErrors(all)) {
    io.err(`${summary(all)}; nothing written\n`);
    return undefined;
  }
  return planFiles(rendered.artifacts, specFile, resolve(io.cwd, outDir));
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
