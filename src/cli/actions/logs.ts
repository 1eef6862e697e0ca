import type { LogsFlags } from '../commands/logs.js';
import type { Io } from '../io.js';
import { setupRuntime } from './runtime-setup.js';

export async function runLogs(io: Io, name: string, flags: LogsFlags): Promise<number> {
  const runtime = await setupRuntime(io, { ...flags, build: false });
  if (typeof runtime === 'number') return runtime;
  const service = runtime.context.model.services.find((s) => s.name === name && s.targets.includes(flags.target));
  if (!service) {
    io.err(`no service \`${name}\` on ${flags.target}\n`);
    return 1;
  }
  io.out(await runtime.driver.logs(service, Number(flags.lines)));
  return 0;
}
