import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BreakerState } from './breaker.js';
import type { Resources } from './resources/sampler.js';
import type { Health } from './service-health.js';

export const healthStates = ['healthy', 'unhealthy', 'unknown', 'circuit_open'] as const satisfies readonly Health[];
export const breakerStates = ['closed', 'open', 'half_open'] as const satisfies readonly BreakerState[];
export const restartReasons = ['unhealthy', 'exited', 'dependency', 'requested'] as const;
export const recoveryResults = ['recovered', 'fallback', 'failed'] as const;

export type RestartReason = (typeof restartReasons)[number];
export type RecoveryResult = (typeof recoveryResults)[number];

/**
 * The monitor's Prometheus metrics, in a registry of its own. Every label comes from a bounded set:
 * the spec's service names, the target, and the fixed lists above.
 */
export class MonitorMetrics {
  readonly registry = new Registry();
  readonly #target: string;
  readonly #cpu = new Map<string, number>();
  readonly #up = this.#gauge('orchgen_service_up', 'Whether the service is healthy (1) or not (0).', ['service']);
  readonly #status = this.#gauge('orchgen_service_health_status', 'The service\'s health: 1 for the status it has, 0 for the others.', ['service', 'status']);
  readonly #breaker = this.#gauge('orchgen_circuit_breaker_state', 'The service\'s circuit breaker: 1 for its state, 0 for the others.', ['service', 'state']);
  readonly #memory = this.#gauge('orchgen_service_memory_resident_bytes', 'Resident memory of the service (its container, unit or processes).', ['service']);
  readonly #lastCycle = new Gauge({ name: 'orchgen_monitor_last_cycle_timestamp_seconds', help: 'When the monitor last finished a round of checks (Unix time).', labelNames: ['target'], registers: [this.registry] });
  readonly #checks = new Counter({ name: 'orchgen_health_checks_total', help: 'Health checks run, by result.', labelNames: ['service', 'target', 'result'], registers: [this.registry] });
  readonly #restarts = new Counter({ name: 'orchgen_service_restarts_total', help: 'Restarts the monitor asked the tool for, by reason.', labelNames: ['service', 'target', 'reason'], registers: [this.registry] });
  readonly #recoveries = new Counter({ name: 'orchgen_recoveries_total', help: 'Recoveries, by result.', labelNames: ['service', 'target', 'result'], registers: [this.registry] });
  readonly #duration = new Histogram({
    name: 'orchgen_health_check_duration_seconds',
    help: 'How long each health check took.',
    labelNames: ['service', 'target'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(target: string, services: readonly string[]) {
    this.#target = target;
    const cpu = this.#cpu;
    new Counter({
      name: 'orchgen_service_cpu_seconds_total',
      help: 'CPU time used by the service (its container, unit or processes) as last measured.',
      labelNames: ['service', 'target'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [service, seconds] of cpu) this.inc({ service, target }, seconds);
      },
    });
    for (const service of services) this.#zero(service);
  }

  check(service: string, ok: boolean, seconds: number): void {
    this.#checks.inc(this.#labels(service, { result: ok ? 'success' : 'failure' }));
    this.#duration.observe(this.#labels(service), seconds);
  }

  standing(service: string, health: Health, breaker: BreakerState): void {
    this.#up.set(this.#labels(service), health === 'healthy' ? 1 : 0);
    for (const status of healthStates) this.#status.set(this.#labels(service, { status }), status === health ? 1 : 0);
    for (const state of breakerStates) this.#breaker.set(this.#labels(service, { state }), state === breaker ? 1 : 0);
  }

  restart(service: string, reason: RestartReason): void {
    this.#restarts.inc(this.#labels(service, { reason }));
  }

  recovery(service: string, result: RecoveryResult): void {
    this.#recoveries.inc(this.#labels(service, { result }));
  }

  resources(service: string, measured: Resources): void {
    this.#cpu.set(service, measured.cpuSeconds);
    this.#memory.set(this.#labels(service), measured.residentBytes);
  }

  cycleDone(unixSeconds: number): void {
    this.#lastCycle.set({ target: this.#target }, unixSeconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** Every series exists from the start, at zero, so a rate over the first restart is right. */
  #zero(service: string): void {
    this.standing(service, 'unknown', 'closed');
    for (const result of ['success', 'failure']) this.#checks.inc(this.#labels(service, { result }), 0);
    for (const reason of restartReasons) this.#restarts.inc(this.#labels(service, { reason }), 0);
    for (const result of recoveryResults) this.#recoveries.inc(this.#labels(service, { result }), 0);
  }

  #gauge(name: string, help: string, labelNames: string[]): Gauge {
    return new Gauge({ name, help, labelNames: [...labelNames, 'target'], registers: [this.registry] });
  }

  #labels(service: string, extra: Record<string, string> = {}): Record<string, string> {
    return { service, target: this.#target, ...extra };
  }
}
