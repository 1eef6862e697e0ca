import type { Command } from 'commander';
import { status } from '../../runtime/status.js';
import type { Io } from '../io.js';
import { runtimeOptions, setupRuntime, type RuntimeFlags } from './runtime-setup.js';
import type { CommandResult } from './shared.js';

const overallCodes = { healthy: 0, degraded: 3, unhealthy: 2 } as const;

export function statusCommand(program: Command, io: Io, done: CommandResult): void {
  runtimeOptions(program.command('status'))
    .description('per service: state, health, since, restarts, active variant, last probe')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExit codes: 0 healthy, 3 degraded, 2 unhealthy, 1 bad input.\n\nExample:\n  orchgen status -t pm2 --json')
    .action(async (flags: RuntimeFlags) => {
      const runtime = await setupRuntime(io, { ...flags, build: false });
      if (typeof runtime === 'number') return done(runtime);
      const result = await status(runtime.context, runtime.driver);
      if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else {
        const rows = [['SERVICE', 'STATE', 'HEALTH', 'SINCE', 'RESTARTS', 'VARIANT', 'LAST PROBE']];
        for (const s of result.services) {
          const probe = s.lastProbe ? `${s.lastProbe.at} (${s.lastProbe.ms}ms, ${s.lastProbe.detail})` : '-';
          rows.push([s.service, s.state, s.health, s.since ?? '-', String(s.restarts), s.variant ?? '-', probe]);
        }
        const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
        for (const row of rows) io.out(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
        io.out(`\n${result.project} (${result.target}): ${result.overall}\n`);
      }
      return done(overallCodes[result.overall]);
    });
}
