import type { Command } from 'commander';
import { jsonReporter, lineReporter } from '../../runtime/events.js';
import { preflight } from '../../runtime/preflight.js';
import { up, upExitCodes } from '../../runtime/up.js';
import type { Io } from '../io.js';
import { runtimeOptions, setupRuntime, type RuntimeFlags } from './runtime-setup.js';
import type { CommandResult } from './shared.js';

export function upCommand(program: Command, io: Io, done: CommandResult): void {
  runtimeOptions(program.command('up'))
    .description('bring the stack up through the generated artifacts, in dependency order, gated on health')
    .option('--force-recreate', 'restart every service, even healthy unchanged ones')
    .option('--json', 'one JSON object per line')
    .addHelpText(
      'after',
      '\nExit codes: 0 all healthy, 3 degraded (optional services down), 2 an essential service failed\nand the stack was rolled back, 1 bad input or preflight failure, 130 interrupted.\n\nExample:\n  orchgen up -t compose -f examples/extrophi/orchgen.yaml',
    )
    .action(async (flags: RuntimeFlags & { forceRecreate?: boolean }) => done(await runUp(io, flags)));
}

async function runUp(io: Io, flags: RuntimeFlags & { forceRecreate?: boolean }): Promise<number> {
  const runtime = await setupRuntime(io, flags);
  if (typeof runtime === 'number') return runtime;
  const checks = await preflight(runtime.context, runtime.driver, runtime.specDir);
  for (const note of checks.notes) io.err(`note: ${note}\n`);
  if (checks.problems.length > 0) {
    io.err(`preflight failed for ${flags.target}:\n${checks.problems.map((p) => `  - ${p}\n`).join('')}`);
    return upExitCodes.badInput;
  }
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  // `on`, not `once`: execa's exit handler kills the process if it finds itself the only listener.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const reporter = flags.json ? jsonReporter(io.out) : lineReporter(io.out);
    const result = await up(runtime.context, runtime.plan, runtime.driver, {
      forceRecreate: flags.forceRecreate ?? false,
      signal: interrupt.signal,
      reporter,
      preselected: checks.preselected,
    });
    return result.code;
  } catch (error) {
    io.err(`orchgen up: ${(error as Error).message}\n`);
    return upExitCodes.badInput;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
