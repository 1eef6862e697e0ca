import type { Command } from 'commander';
import type { Io } from '../io.js';
import { runtimeOptions, setupRuntime, type RuntimeFlags } from './runtime-setup.js';
import type { CommandResult } from './shared.js';

export function logsCommand(program: Command, io: Io, done: CommandResult): void {
  runtimeOptions(program.command('logs').argument('<service>', 'the service'))
    .description("the service's output, through the native tool")
    .option('-n, --lines <n>', 'how many lines', '100')
    .addHelpText('after', '\nExample:\n  orchgen logs vllm -t compose -n 50')
    .action(async (name: string, flags: RuntimeFlags & { lines: string }) => {
      const runtime = await setupRuntime(io, { ...flags, build: false });
      if (typeof runtime === 'number') return done(runtime);
      const service = runtime.context.model.services.find((s) => s.name === name && s.targets.includes(flags.target));
      if (!service) {
        io.err(`no service \`${name}\` on ${flags.target}\n`);
        return done(1);
      }
      io.out(await runtime.driver.logs(service, Number(flags.lines)));
      return done(0);
    });
}
