import type { Service } from '../../model/types.js';
import { RecoveryBudget } from './backoff.js';
import { CircuitBreaker, type BreakerState } from './breaker.js';
import { ServiceHealth, type CheckOutcome, type HealthSnapshot } from './service-health.js';

/** All the monitor keeps of one service: its breaker, its health record and its recovery attempts. */
export class ServiceWatch {
  readonly breaker: CircuitBreaker;
  readonly health: ServiceHealth;
  readonly budget: RecoveryBudget;
  /** When the monitor last started it (monotonic ms): no recovery within its start period after. */
  restartedAt: number | undefined;
  /** Its recoveries are used up and no fallback matched: the monitor checks it, and restarts it no more. */
  failed = false;

  constructor(readonly service: Service) {
    this.breaker = new CircuitBreaker(service.monitor.breaker);
    this.health = new ServiceHealth(service.health?.retries ?? 1);
    this.budget = new RecoveryBudget(service.monitor.recovery);
  }

  /** A check's outcome, given to the breaker and the health record; returns the breaker's state after it. */
  record(outcome: CheckOutcome): BreakerState {
    const state = this.breaker.record(outcome.ok, outcome.at);
    this.health.record(outcome);
    if (outcome.ok) this.budget.healthyAt(outcome.at);
    return state;
  }

  snapshot(now: number): HealthSnapshot & { breaker: BreakerState } {
    const breaker = this.breaker.state(now);
    return { ...this.health.snapshot(now, breaker), breaker };
  }
}
