import { down } from '../../runtime/down.js';
import { leftRunningCode } from '../../runtime/remains.js';
import { orToolGone, ToolGone, toolSilentCode } from '../../runtime/tool-gone.js';
import type { RuntimeFlags } from '../commands/runtime-options.js';
import type { Io } from '../io.js';
import { runReporter } from '../run-reporter.js';
import { attachRuntime } from './runtime-setup.js';

export async function runDown(io: Io, flags: RuntimeFlags): Promise<number> {
  const runtime = await attachRuntime(io, flags);
  if (typeof runtime === 'number') return runtime;
  const reporter = runReporter(io, flags.json, runtime, 'down');
  const result = await orToolGone(down(runtime.context, runtime.plan, runtime.driver, reporter)).finally(reporter.end);
  const { project } = runtime.context.model;
  if (result instanceof ToolGone) {
    io.err(`${result.message}: cannot tell what of ${project} is still running\n`);
    return toolSilentCode;
  }
  if (result.left.length > 0) {
    io.err(`still there after down: ${result.left.join(', ')}\n`);
    return leftRunningCode;
  }
  if (result.unseen) io.out(`${project}: down; ${flags.target} lists nothing of it (${result.unseen}: their processes were not looked at)\n`);
  else io.out(`${project}: down, nothing left running\n`);
  return 0;
}
