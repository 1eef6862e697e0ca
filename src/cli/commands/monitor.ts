import type { Command } from 'commander';
import type { Io } from '../io.js';
import { runtimeOptions, type RuntimeFlags } from './runtime-options.js';
import type { CommandResult } from './shared.js';

export interface MonitorFlags extends RuntimeFlags {
  listen?: string;
}

export function monitorCommand(program: Command, io: Io, done: CommandResult): void {
  runtimeOptions(program.command('monitor'))
    .description('keep a running stack healthy: checks, circuit breakers, recovery through the tool, REST API and metrics')
    .option('--listen <host:port>', 'where the API and /metrics listen (default: monitor.listen, 127.0.0.1:9786)')
    .option('--json', 'one JSON object per line instead of text')
    .addHelpText('after', '\nRuns until interrupted (SIGINT, SIGTERM). Every POST needs the bearer token in $ORCHGEN_MONITOR_TOKEN (monitor.token_env).\n\nExample:\n  orchgen monitor -t compose -f examples/quickstart/orchgen.yaml')
    .action(async (flags: MonitorFlags) => done(await (await import('../actions/monitor.js')).runMonitor(io, flags)));
}
