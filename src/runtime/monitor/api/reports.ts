import { checkText } from '../../probe.js';
import type { Service } from '../../../model/types.js';
import type { MonitorState } from '../state.js';

const iso = (state: MonitorState, at: number | undefined): string | null => (at === undefined ? null : state.wallOf(at).toISOString());

/** `GET /health/status`: each service's health as the monitor judges it, and the stack's. */
export function healthStatus(state: MonitorState): object {
  const now = state.clocks.now();
  const services = Object.fromEntries(
    [...state.watches].map(([name, watch]) => {
      const s = watch.snapshot(now);
      return [
        name,
        {
          health: s.health,
          last_check: iso(state, s.lastCheckAt),
          response_time_ms: s.responseTimeMs ?? null,
          error_message: s.errorMessage ?? null,
          consecutive_failures: s.consecutiveFailures,
          total_checks: s.totalChecks,
          successful_checks: s.successfulChecks,
          uptime_percentage: s.uptimePercentage,
          circuit_breaker_state: s.breaker,
        },
      ];
    }),
  );
  const overall = state.overall();
  return { overall_health: overall.health, health_score: overall.score, services };
}

/** `GET /api/v1/status`: counts and the stack's health. */
export function stackStatus(state: MonitorState): object {
  const now = state.clocks.now();
  const snapshots = [...state.watches.values()].map((w) => ({ essential: w.service.essential, health: w.snapshot(now).health }));
  const overall = state.overall();
  return {
    target: state.target,
    uptime_seconds: state.uptimeSeconds(),
    startup_time: state.startedAt.toISOString(),
    managed: snapshots.length,
    healthy: snapshots.filter((s) => s.health === 'healthy').length,
    unhealthy: snapshots.filter((s) => s.health === 'unhealthy' || s.health === 'circuit_open').length,
    overall_health: overall.health,
    essential_services_healthy: snapshots.every((s) => !s.essential || s.health === 'healthy'),
    health_score: overall.score,
  };
}

/** `GET /api/v1/services`: each service's place in the stack. */
export function servicesReport(state: MonitorState): object[] {
  const now = state.clocks.now();
  const shutdownOrder = new Map(state.plan.shutdown.flatMap((wave, index) => wave.map((name) => [name, index + 1] as const)));
  return [...state.watches.values()].map((watch) => ({
    name: watch.service.name,
    kind: watch.service.kind,
    status: watch.snapshot(now).health,
    endpoint: endpoint(watch.service),
    health_endpoint: watch.service.health ? checkText(watch.service.health.check) : null,
    dependencies: watch.service.dependsOn.map((d) => d.name),
    dependents: state.dependents(watch.service.name),
    startup_wave: state.plan.waveOf.get(watch.service.name)!,
    shutdown_order: shutdownOrder.get(watch.service.name)!,
    essential: watch.service.essential,
  }));
}

/** `GET /api/v1/dependencies`: the graph `orchgen graph --format json` prints, with its nodes. */
export function dependenciesReport(state: MonitorState): object {
  const { waves, edges, criticalPath } = state.plan;
  return { nodes: waves.flat(), edges, waves, critical_path: criticalPath };
}

/** Where the service answers: its http check's origin, its tcp check, else its first published port. */
function endpoint(service: Service): string | null {
  const check = service.health?.check;
  if (check?.kind === 'http') return new URL(check.url).origin;
  if (check?.kind === 'tcp') return `${check.host.includes(':') ? `[${check.host}]` : check.host}:${check.port}`;
  const port = service.ports[0];
  return port === undefined ? null : `${port.hostIp ?? '127.0.0.1'}:${port.host}`;
}
