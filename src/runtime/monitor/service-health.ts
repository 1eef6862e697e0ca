import type { BreakerState } from './breaker.js';

export type Health = 'healthy' | 'unhealthy' | 'unknown' | 'circuit_open';

export interface CheckOutcome {
  ok: boolean;
  /** Monotonic milliseconds when the probe ended. */
  at: number;
  responseMs: number;
  error?: string;
}

export interface HealthSnapshot {
  health: Health;
  lastCheckAt: number | undefined;
  responseTimeMs: number | undefined;
  errorMessage: string | undefined;
  consecutiveFailures: number;
  totalChecks: number;
  successfulChecks: number;
  /** Time judged healthy over time since the first check, in percent (100 before any time passed). */
  uptimePercentage: number;
}

/**
 * What the monitor knows of one service's health. A success makes it healthy; `retries` failures
 * in a row make it unhealthy (as the health check's own retries do under `up`); between them it
 * keeps what it was. An open breaker shows as `circuit_open`.
 */
export class ServiceHealth {
  #judged: 'healthy' | 'unhealthy' | 'unknown' = 'unknown';
  #last: CheckOutcome | undefined;
  #failures = 0;
  #total = 0;
  #successes = 0;
  #firstAt: number | undefined;
  #healthySince: number | undefined;
  #healthyMs = 0;

  constructor(private readonly retries: number) {}

  record(outcome: CheckOutcome): void {
    this.#firstAt ??= outcome.at;
    this.#total += 1;
    this.#last = outcome;
    if (outcome.ok) {
      this.#successes += 1;
      this.#failures = 0;
      this.#judge('healthy', outcome.at);
    } else {
      this.#failures += 1;
      if (this.#failures >= this.retries) this.#judge('unhealthy', outcome.at);
    }
  }

  snapshot(now: number, breaker: BreakerState): HealthSnapshot {
    return {
      health: breaker === 'open' ? 'circuit_open' : this.#judged,
      lastCheckAt: this.#last?.at,
      responseTimeMs: this.#last?.responseMs,
      errorMessage: this.#last?.ok === false ? this.#last.error : undefined,
      consecutiveFailures: this.#failures,
      totalChecks: this.#total,
      successfulChecks: this.#successes,
      uptimePercentage: this.#uptime(now),
    };
  }

  #judge(health: 'healthy' | 'unhealthy', at: number): void {
    if (health === 'healthy' && this.#healthySince === undefined) this.#healthySince = at;
    if (health === 'unhealthy' && this.#healthySince !== undefined) {
      this.#healthyMs += at - this.#healthySince;
      this.#healthySince = undefined;
    }
    this.#judged = health;
  }

  #uptime(now: number): number {
    if (this.#firstAt === undefined || now <= this.#firstAt) return this.#judged === 'unhealthy' ? 0 : 100;
    const healthy = this.#healthyMs + (this.#healthySince === undefined ? 0 : now - this.#healthySince);
    return Math.round((healthy / (now - this.#firstAt)) * 10_000) / 100;
  }
}
