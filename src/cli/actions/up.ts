import { preflight } from '../../runtime/preflight.js';
import { up, upExitCodes } from '../../runtime/up.js';
import type { UpFlags } from '../commands/up.js';
import type { Io } from '../io.js';
import { runReporter } from '../run-reporter.js';
import { setupRuntime } from './runtime-setup.js';

export async function runUp(io: Io, flags: UpFlags): Promise<number> {
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
  const reporter = runReporter(io, flags.json, runtime, 'up');
  try {
    const result = await up(runtime.context, runtime.plan, runtime.driver, {
      forceRecreate: flags.forceRecreate ?? false,
      signal: interrupt.signal,
      reporter,
      preselected: checks.preselected,
    });
    return result.code;
  } catch (error) {
    reporter.end();
    io.err(`orchgen up: ${(error as Error).message}\n`);
    return upExitCodes.badInput;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
