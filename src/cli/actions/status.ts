import { status, type StackStatus } from '../../runtime/status.js';
import { orToolGone, ToolGone, toolSilentCode } from '../../runtime/tool-gone.js';
import type { RuntimeFlags } from '../commands/runtime-options.js';
import type { Io } from '../io.js';
import { attachRuntime } from './runtime-setup.js';

const overallCodes = { healthy: 0, degraded: 3, unhealthy: 2, down: 4 } as const;

export async function runStatus(io: Io, flags: RuntimeFlags): Promise<number> {
  const runtime = await attachRuntime(io, flags);
  if (typeof runtime === 'number') return runtime;
  const result = await orToolGone(status(runtime.context, runtime.driver));
  if (result instanceof ToolGone) {
    io.err(`${result.message}: the state of ${runtime.context.model.project}'s services is unknown\n`);
    return toolSilentCode;
  }
  io.out(flags.json ? `${JSON.stringify(result, null, 2)}\n` : table(result));
  return overallCodes[result.overall];
}

function table(result: StackStatus): string {
  const rows = [['SERVICE', 'STATE', 'HEALTH', 'SINCE', 'RESTARTS', 'VARIANT', 'LAST PROBE']];
  for (const s of result.services) {
    const probe = s.lastProbe ? `${s.lastProbe.at} (${s.lastProbe.ms}ms, ${s.lastProbe.detail})` : '-';
    rows.push([s.service, s.state, s.health, s.since ?? '-', String(s.restarts), s.variant ?? '-', probe]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((row) => `${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  return `${lines.join('')}\n${result.project} (${result.target}): ${result.overall}\n`;
}
