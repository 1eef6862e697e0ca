import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { renderTargets } from '../../build.js';
import { compileFile, type Compiled } from '../../compile.js';
import type { TargetName } from '../../model/types.js';
import { checkOutput, hasDrift, type Drift } from '../../output/check.js';
import { planFiles, type PlannedFile } from '../../output/plan.js';
import { writeOutput } from '../../output/write.js';
import { hasErrors } from '../../spec/diagnostic.js';
import { summary } from '../../spec/render.js';
import { registeredTargetNames } from '../../targets/all.js';
import type { Io } from '../io.js';
import { report } from '../report.js';
import { parseTargets } from '../target-option.js';
import { specFile, type CommandResult } from './shared.js';

interface BuildOptions {
  file: string;
  target?: TargetName[];
  out?: string;
  check?: boolean;
  dryRun?: boolean;
}

export function buildCommand(program: Command, io: Io, done: CommandResult): void {
  program
    .command('build')
    .description('write the native artifacts of every (or each given) target')
    .option('-f, --file <path>', 'the spec', 'orchgen.yaml')
    .option('-t, --target <targets>', `comma-separated targets (default: all: ${registeredTargetNames().join(', ')})`, parseTargets)
    .option('-o, --out <dir>', 'output folder (default: out/ beside the spec)')
    .option('--check', 'write nothing; exit 1 listing every missing, changed and extra file')
    .option('--dry-run', 'write nothing; list what would be written')
    .addHelpText('after', '\nExamples:\n  orchgen build -f examples/canvasbot/orchgen.yaml -o out/canvasbot\n  orchgen build -t systemd,compose --check')
    .action((options: BuildOptions) => done(build(io, options)));
}

function build(io: Io, options: BuildOptions): number {
  const selected = options.target ?? registeredTargetNames();
  const file = specFile(io, options.file);
  const compiled = compileFile(file, selected);
  const outDir = options.out ?? join(dirname(file), 'out');
  const files = render(io, compiled, selected, outDir);
  if (!files) return 1;
  if (options.check) return check(io, outDir, files);
  if (options.dryRun) return dryRun(io, outDir, files);
  const written = writeOutput(resolve(io.cwd, outDir), files);
  io.out(`${outDir}: ${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed\n`);
  for (const path of written.written) io.out(`  wrote ${path}\n`);
  for (const path of written.removed) io.out(`  removed ${path}\n`);
  return 0;
}

/** The planned files, or undefined (after printing why) when the spec or a target has an error. */
function render(io: Io, compiled: Compiled, selected: readonly TargetName[], outDir: string): PlannedFile[] | undefined {
  if (!compiled.model || !compiled.plan) {
    report(io, compiled);
    io.err(`${summary(compiled.diagnostics)}; nothing written\n`);
    return undefined;
  }
  const specFile = resolve(io.cwd, compiled.file);
  const { artifacts, diagnostics } = renderTargets({ model: compiled.model!, plan: compiled.plan! }, selected, { specFile, outDir: resolve(io.cwd, outDir) });
  report(io, compiled, diagnostics);
  const all = [...compiled.diagnostics, ...diagnostics];
  if (hasErrors(all)) {
    io.err(`${summary(all)}; nothing written\n`);
    return undefined;
  }
  return planFiles(artifacts, specFile, resolve(io.cwd, outDir));
}

function check(io: Io, outDir: string, files: readonly PlannedFile[]): number {
  const drift = checkOutput(resolve(io.cwd, outDir), files);
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

function dryRun(io: Io, outDir: string, files: readonly PlannedFile[]): number {
  const drift = checkOutput(resolve(io.cwd, outDir), files);
  const status = (path: string) => (drift.missing.includes(path) ? 'create' : drift.changed.includes(path) ? 'update' : 'keep  ');
  io.out(`${outDir} (dry run, nothing written):\n`);
  for (const file of files) io.out(`  ${status(file.path)} ${file.path}\n`);
  for (const path of drift.extra) io.out(`  remove ${path}\n`);
  return 0;
}
