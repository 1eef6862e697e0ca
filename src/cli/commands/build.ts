import type { Command } from 'commander';
import type { TargetName } from '../../model/types.js';
import type { Target } from '../../targets/target.js';
import type { Io } from '../io.js';
import { targetsParser } from '../target-option.js';
import type { CommandResult } from './shared.js';

export interface BuildOptions {
  file: string;
  target?: TargetName[];
  out?: string;
  check?: boolean;
  dryRun?: boolean;
  verbose?: boolean;
}

export function buildCommand(program: Command, io: Io, done: CommandResult, targets: readonly Target[]): void {
  program
    .command('build')
    .description('write the native artifacts of every (or each given) target')
    .option('-f, --file <path>', 'the spec', 'orchgen.yaml')
    .option('-t, --target <targets>', `comma-separated targets (default: all: ${targets.map((t) => t.name).join(', ')})`, targetsParser(targets))
    .option('-o, --out <dir>', 'output folder (default: out/ beside the spec)')
    .option('--check', 'write nothing; exit 1 listing every missing, changed and extra file')
    .option('--dry-run', 'write nothing; list what would be written')
    .option('--verbose', 'list every setting a target cannot express natively (W103), not one line per target')
    .addHelpText('after', '\nExamples:\n  orchgen build -f examples/canvasbot/orchgen.yaml -o out/canvasbot\n  orchgen build -t systemd,compose --check')
    .action(async (options: BuildOptions) => done((await import('../actions/build.js')).build(io, options, targets)));
}

