import type { Command } from 'commander';
import type { Io } from '../io.js';
import { buildingOptions, runtimeOptions, type BuildFlags, type RuntimeFlags } from './runtime-options.js';
import type { CommandResult } from './shared.js';

export type UpFlags = RuntimeFlags & BuildFlags & { forceRecreate?: boolean };

export function upCommand(program: Command, io: Io, done: CommandResult): void {
  buildingOptions(runtimeOptions(program.command('up')))
    .description('bring the stack up through the generated artifacts, in dependency order, gated on health')
    .option('--force-recreate', 'restart every service, even healthy unchanged ones')
    .option('--json', 'one JSON object per line')
    .addHelpText(
      'after',
      '\nExit codes: 0 all healthy, 3 degraded (optional services down), 2 an essential service failed\nand the stack was rolled back, 1 bad input or preflight failure, 130 interrupted.\n\nExample:\n  orchgen up -t compose -f examples/extrophi/orchgen.yaml',
    )
    .action(async (flags: UpFlags) => done(await (await import('../actions/up.js')).runUp(io, flags)));
}
