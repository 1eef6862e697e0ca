import { Command, CommanderError } from 'commander';
import type { Io } from './io.js';
import { buildCommand } from './commands/build.js';
import { graphCommand } from './commands/graph.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { upCommand } from './commands/up.js';
import { downCommand } from './commands/down.js';
import { statusCommand } from './commands/status.js';
import { monitorCommand } from './commands/monitor.js';
import { logsCommand } from './commands/logs.js';
import { preflightCommand } from './commands/preflight.js';
import { importCommand } from './commands/import.js';
import { packageVersion } from './version.js';
import { targets as registered } from '../targets/all.js';
import type { Target } from '../targets/target.js';

const commands = [validateCommand, graphCommand, buildCommand, schemaCommand, preflightCommand, upCommand, statusCommand, monitorCommand, downCommand, logsCommand, importCommand] as const;

/**
 * Runs the CLI with the given arguments (without node and the script); resolves to the exit code.
 * `targets`: the registry the commands build with (a test may extend it).
 */
export async function runCli(args: readonly string[], io: Io, targets: readonly Target[] = registered): Promise<number> {
  let exitCode = 0;
  const program = new Command('orchgen')
    .description('Compile one orchgen.yaml into native systemd, Compose, PM2, supervisord and Kubernetes artifacts')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showSuggestionAfterError(true);
  for (const register of commands) register(program, io, (code) => (exitCode = code), targets);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    throw error;
  }
  return exitCode;
}
