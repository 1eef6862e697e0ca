import { targetServices } from '../../runtime/services.js';
import type { LogsFlags } from '../commands/logs.js';
import type { Io } from '../io.js';
import { attachRuntime } from './runtime-setup.js';

export async function runLogs(io: Io, name: string, flags: LogsFlags): Promise<number> {
  const runtime = await attachRuntime(io, flags, [name]);
  if (typeof runtime === 'number') return runtime;
  const service = targetServices(runtime.context.model, flags.target).find((s) => s.name === name)!;
  io.out(await runtime.driver.logs(service, Number(flags.lines)));
  return 0;
}
