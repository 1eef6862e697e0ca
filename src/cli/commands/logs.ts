import type { Command } from 'commander';
import type { Io } from '../io.js';
import { runtimeOptions, type RuntimeFlags } from './runtime-options.js';
import type { CommandResult } from './shared.js';

export type LogsFlags = RuntimeFlags & { lines: string };

export function logsCommand(program: Command, io: Io, done: CommandResult): void {
  runtimeOptions(program.command('logs').argument('<service>', 'the service'))
    .description("the service's output, through the native tool")
    .option('-n, --lines <n>', 'how many lines', '100')
    .addHelpText('after', '\nExample:\n  orchgen logs vllm -t compose -n 50')
    .action(async (name: string, flags: LogsFlags) => done(await (await import('../actions/logs.js')).runLogs(io, name, flags)));
}
