import type { Command } from 'commander';
import type { Io } from '../io.js';
import { buildingOptions, runtimeOptions, type BuildFlags, type RuntimeFlags } from './runtime-options.js';
import type { CommandResult } from './shared.js';

export function preflightCommand(program: Command, io: Io, done: CommandResult): void {
  buildingOptions(runtimeOptions(program.command('preflight')))
    .description('check everything `up` needs, and print every problem with what to do')
    .addHelpText('after', '\nExample:\n  orchgen preflight -t supervisor -f examples/orchestra/orchgen.yaml')
    .action(async (flags: RuntimeFlags & BuildFlags) => done(await (await import('../actions/preflight.js')).runPreflight(io, flags)));
}
