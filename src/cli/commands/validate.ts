import type { Command } from 'commander';
import type { Target } from '../../targets/target.js';
import type { Io } from '../io.js';
import type { CommandResult } from './shared.js';

export function validateCommand(program: Command, io: Io, done: CommandResult, targets: readonly Target[]): void {
  program
    .command('validate')
    .description('check the spec and print every problem at once')
    .option('-f, --file <path>', 'the spec', 'orchgen.yaml')
    .addHelpText('after', '\nExample:\n  orchgen validate -f examples/canvasbot/orchgen.yaml')
    .action(async (options: { file: string }) => done((await import('../actions/validate.js')).validate(io, options.file, targets)));
}
