import type { Command } from 'commander';
import { down } from '../../runtime/down.js';
import { jsonReporter, lineReporter } from '../../runtime/events.js';
import type { Io } from '../io.js';
import { runtimeOptions, setupRuntime, type RuntimeFlags } from './runtime-setup.js';
import type { CommandResult } from './shared.js';

export function downCommand(program: Command, io: Io, done: CommandResult): void {
  runtimeOptions(program.command('down'))
    .description('stop the stack in reverse order; nothing of the project is left running')
    .option('--json', 'one JSON object per line')
    .addHelpText('after', '\nExample:\n  orchgen down -t supervisor')
    .action(async (flags: RuntimeFlags) => {
      const runtime = await setupRuntime(io, flags);
      if (typeof runtime === 'number') return done(runtime);
      const left = await down(runtime.context, runtime.plan, runtime.driver, flags.json ? jsonReporter(io.out) : lineReporter(io.out));
      if (left.length > 0) {
        io.err(`still running after down: ${left.join(', ')}\n`);
        return done(1);
      }
      io.out(`${runtime.context.model.project}: down, nothing left running\n`);
      return done(0);
    });
}
