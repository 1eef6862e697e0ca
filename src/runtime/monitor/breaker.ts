export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerSettings {
  /** Consecutive failures that open a closed breaker. */
  failures: number;
  /** Consecutive successes that close a half-open breaker. */
  successes: number;
  /** How long an open breaker lets no probe through. */
  openForMs: number;
}

/**
 * One service's circuit breaker. Closed: every probe runs; `failures` in a row open it. Open: no
 * probe for `openForMs`, then half-open. Half-open: probes run again; `successes` in a row close
 * it, one failure opens it again. Times are monotonic milliseconds given by the caller.
 */
export class CircuitBreaker {
  #state: BreakerState = 'closed';
  #streak = 0;
  #openedAt = 0;

  constructor(private readonly settings: BreakerSettings) {}

  /** The state at `now`: an open breaker whose time is up is half-open. */
  state(now: number): BreakerState {
    if (this.#state === 'open' && now - this.#openedAt >= this.settings.openForMs) this.#halfOpen();
    return this.#state;
  }

  /** Whether a probe may run at `now`. */
  allows(now: number): boolean {
    return this.state(now) !== 'open';
  }

  /** When an open breaker lets probes through again; undefined when it is not open. */
  reopensAt(now: number): number | undefined {
    return this.state(now) === 'open' ? this.#openedAt + this.settings.openForMs : undefined;
  }

  record(ok: boolean, now: number): BreakerState {
    const state = this.state(now);
    if (state === 'open') return state;
    if (ok) this.#success(state);
    else this.#failure(state, now);
    return this.#state;
  }

  #success(state: BreakerState): void {
    if (state === 'closed') {
      this.#streak = 0;
      return;
    }
    this.#streak += 1;
    if (this.#streak >= this.settings.successes) this.#close();
  }

  #failure(state: BreakerState, now: number): void {
    this.#streak = state === 'closed' ? this.#streak + 1 : this.settings.failures;
    if (this.#streak >= this.settings.failures) this.#open(now);
  }

  #open(now: number): void {
    this.#state = 'open';
    this.#openedAt = now;
    this.#streak = 0;
  }

  #halfOpen(): void {
    this.#state = 'half_open';
    this.#streak = 0;
  }

  #close(): void {
    this.#state = 'closed';
    this.#streak = 0;
  }
}
