import type { Command } from 'commander';
import type { Io } from '../io.js';
import { runtimeOptions, type RuntimeFlags } from './runtime-options.js';
import type { CommandResult } from './shared.js';

export function downCommand(program: Command, io: Io, done: CommandResult): void {
  runtimeOptions(program.command('down'))
    .description('stop the stack in reverse order; nothing of the project is left running')
    .option('--json', 'one JSON object per line')
    .addHelpText('after', '\nExample:\n  orchgen down -t supervisor')
    .action(async (flags: RuntimeFlags) => done(await (await import('../actions/down.js')).runDown(io, flags)));
}
