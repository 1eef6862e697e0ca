import type { Fallback, Service } from '../../model/types.js';
import type { MonitorState } from '../../runtime/monitor/state.js';
import { targetWaves } from '../../runtime/services.js';
import { cut, wavedLines } from './waved-table.js';

// HEALTH and BREAKER as wide as their widest value ('circuit_open', 'half_open'): columns do not shift.
const header = ['SERVICE', 'HEALTH      ', 'BREAKER  ', 'CHECKS', 'FAILED', 'LAST', 'UPTIME', 'VARIANT', 'RECOVERIES', ''];

/**
 * What the monitor knows at `now` (its monotonic clock) as lines: each service under its startup
 * wave, with the last check's error when it failed, then the stack's overall health.
 */
export function monitorLines(state: MonitorState, variants: ReadonlyMap<string, Fallback | undefined>, now: number, width = Infinity): string[] {
  const services = [...state.watches.values()].map((watch) => watch.service);
  const waves = targetWaves(state.plan.waves, new Map(services.map((s) => [s.name, s])));
  const rows = waves.flatMap((wave, index) => wave.map((service) => ({ wave: index + 1, cells: cellsOf(state, variants, service, now) })));
  const overall = state.overall();
  return [...wavedLines(header, rows, width), cut(`${state.model.project} on ${state.target}: ${overall.health} (score ${overall.score})`, width)];
}

function cellsOf(state: MonitorState, variants: ReadonlyMap<string, Fallback | undefined>, service: Service, now: number): string[] {
  const snapshot = state.watch(service.name)!.snapshot(now);
  const recoveries = state.log.all().filter((event) => event.service === service.name).length;
  const last = snapshot.responseTimeMs === undefined ? '-' : `${Math.round(snapshot.responseTimeMs)}ms`;
  const failed = String(snapshot.totalChecks - snapshot.successfulChecks);
  const variant = variants.get(service.name)?.name ?? '-';
  return [service.name, snapshot.health, snapshot.breaker, String(snapshot.totalChecks), failed, last, `${snapshot.uptimePercentage}%`, variant, String(recoveries), snapshot.errorMessage ?? ''];
}
