import type { Command } from 'commander';
import { preflight } from '../../runtime/preflight.js';
import type { Io } from '../io.js';
import { runtimeOptions, setupRuntime, type RuntimeFlags } from './runtime-setup.js';
import type { CommandResult } from './shared.js';

export function preflightCommand(program: Command, io: Io, done: CommandResult): void {
  runtimeOptions(program.command('preflight'))
    .description('check everything `up` needs, and print every problem with what to do')
    .addHelpText('after', '\nExample:\n  orchgen preflight -t supervisor -f examples/orchestra/orchgen.yaml')
    .action(async (flags: RuntimeFlags) => {
      const runtime = await setupRuntime(io, flags);
      if (typeof runtime === 'number') return done(runtime);
      const result = await preflight(runtime.context, runtime.driver, runtime.specDir);
      for (const note of result.notes) io.out(`note: ${note}\n`);
      if (result.problems.length > 0) {
        io.err(`preflight failed for ${flags.target}:\n${result.problems.map((p) => `  - ${p}\n`).join('')}`);
        return done(1);
      }
      io.out(`preflight ok for ${flags.target}\n`);
      return done(0);
    });
}
