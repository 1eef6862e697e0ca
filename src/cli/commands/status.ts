import type { Command } from 'commander';
import type { Io } from '../io.js';
import { runtimeOptions, type RuntimeFlags } from './runtime-options.js';
import type { CommandResult } from './shared.js';

export function statusCommand(program: Command, io: Io, done: CommandResult): void {
  runtimeOptions(program.command('status'))
    .description('per service: state, health, since, restarts, active variant, last probe')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExit codes: 0 healthy, 3 degraded, 2 unhealthy, 4 down (nothing running), 1 bad input.\n\nExample:\n  orchgen status -t pm2 --json')
    .action(async (flags: RuntimeFlags) => done(await (await import('../actions/status.js')).runStatus(io, flags)));
}
