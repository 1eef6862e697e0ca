import { preflight } from '../../runtime/preflight.js';
import type { BuildFlags, RuntimeFlags } from '../commands/runtime-options.js';
import type { Io } from '../io.js';
import { setupRuntime } from './runtime-setup.js';

export async function runPreflight(io: Io, flags: RuntimeFlags & BuildFlags): Promise<number> {
  const runtime = await setupRuntime(io, flags);
  if (typeof runtime === 'number') return runtime;
  const result = await preflight(runtime.context, runtime.driver, runtime.specDir);
  for (const note of result.notes) io.out(`note: ${note}\n`);
  if (result.problems.length > 0) {
    io.err(`preflight failed for ${flags.target}:\n${result.problems.map((p) => `  - ${p}\n`).join('')}`);
    return 1;
  }
  io.out(`preflight ok for ${flags.target}\n`);
  return 0;
}
