import { down } from '../../runtime/down.js';
import { jsonReporter, lineReporter } from '../../runtime/events.js';
import { leftRunningCode } from '../../runtime/remains.js';
import { orToolGone, ToolGone, toolSilentCode } from '../../runtime/tool-gone.js';
import type { RuntimeFlags } from '../commands/runtime-options.js';
import type { Io } from '../io.js';
import { attachRuntime } from './runtime-setup.js';

export async function runDown(io: Io, flags: RuntimeFlags): Promise<number> {
  const runtime = await attachRuntime(io, flags);
  if (typeof runtime === 'number') return runtime;
  const left = await orToolGone(down(runtime.context, runtime.plan, runtime.driver, flags.json ? jsonReporter(io.out) : lineReporter(io.out)));
  if (left instanceof ToolGone) {
    io.err(`${left.message}: cannot tell what of ${runtime.context.model.project} is still running\n`);
    return toolSilentCode;
  }
  if (left.length > 0) {
    io.err(`still there after down: ${left.join(', ')}\n`);
    return leftRunningCode;
  }
  io.out(`${runtime.context.model.project}: down, nothing left running\n`);
  return 0;
}
