import { Option, type Command } from 'commander';
import { graphFormats, type GraphFormat } from '../../diagram/all.js';
import type { Target } from '../../targets/target.js';
import type { Io } from '../io.js';
import type { CommandResult } from './shared.js';

export function graphCommand(program: Command, io: Io, done: CommandResult, targets: readonly Target[]): void {
  program
    .command('graph')
    .description('print the startup waves, dependencies and critical path')
    .option('-f, --file <path>', 'the spec', 'orchgen.yaml')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(graphFormats)).default('text'))
    .addHelpText('after', '\nExample:\n  orchgen graph -f examples/citadel/orchgen.yaml --format mermaid')
    .action(async (options: { file: string; format: GraphFormat }) => done((await import('../actions/graph.js')).graph(io, options.file, options.format, targets)));
}
