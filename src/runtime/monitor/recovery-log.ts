export interface RecoveryStep {
  /** What was done: stop, start, wait-healthy, fallback. */
  action: string;
  service: string;
  startedAt: string;
  durationMs: number;
  ok: boolean;
  detail?: string;
}

export interface RecoveryEvent {
  id: number;
  service: string;
  /** Why: the breaker opened, the process is gone, a request through the API. */
  reason: string;
  startedAt: string;
  endedAt?: string;
  outcome: 'running' | 'recovered' | 'fallback' | 'failed';
  steps: RecoveryStep[];
}

/** The recovery history, newest last, the last `limit` kept. */
export class RecoveryLog {
  readonly #events: RecoveryEvent[] = [];
  #next = 1;

  constructor(private readonly limit = 200) {}

  begin(service: string, reason: string, at: Date): RecoveryEvent {
    const event: RecoveryEvent = { id: this.#next++, service, reason, startedAt: at.toISOString(), outcome: 'running', steps: [] };
    this.#events.push(event);
    if (this.#events.length > this.limit) this.#events.shift();
    return event;
  }

  all(): readonly RecoveryEvent[] {
    return this.#events;
  }
}
