export interface RecoverySettings {
  /** Restarts tried before the service is given up on (or a fallback applied). */
  attempts: number;
  delayMs: number;
  /** Each attempt waits this many times longer than the one before. */
  backoff: number;
  maxDelayMs: number;
  /** Healthy this long after a recovery, the count of attempts starts again. */
  resetAfterMs: number;
}

/**
 * Recovery attempts of one service: how long to wait before the next, and when they are used up.
 * A service that stayed healthy for `resetAfterMs` since its last attempt starts again at zero.
 */
export class RecoveryBudget {
  #used = 0;
  #lastAttemptAt: number | undefined;

  constructor(private readonly settings: RecoverySettings) {}

  get used(): number {
    return this.#used;
  }

  exhausted(): boolean {
    return this.#used >= this.settings.attempts;
  }

  /** The wait before attempt number `used + 1`: delay × backoff^used, at most maxDelay. */
  nextDelayMs(): number {
    const { delayMs, backoff, maxDelayMs } = this.settings;
    return Math.min(maxDelayMs, Math.round(delayMs * backoff ** this.#used));
  }

  begin(now: number): void {
    this.#used += 1;
    this.#lastAttemptAt = now;
  }

  /** Called while the service is healthy: after a stable period the attempts are forgiven. */
  healthyAt(now: number): void {
    if (this.#lastAttemptAt !== undefined && now - this.#lastAttemptAt >= this.settings.resetAfterMs) {
      this.#used = 0;
      this.#lastAttemptAt = undefined;
    }
  }
}
