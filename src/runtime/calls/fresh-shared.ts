/**
 * One request at a time for any number of callers: whoever asks while a request is in flight shares
 * the next one, which starts once that one is done, so every answer was asked for after the question.
 * supervisord and the PM2 daemon answer one call after the other: a readiness check per service, each
 * asking for every process's state, would otherwise queue hundreds of calls on a large stack and
 * time them out. The next request also waits as long as the last one took: the daemon spends at most
 * half its time on these questions, and the rest on the starts and stops queued behind them.
 */
export class FreshShared<T> {
  #inFlight: Promise<T> | undefined;
  #next: Promise<T> | undefined;
  /** When the next request may start (ms since the epoch). */
  #readyAt = 0;

  constructor(private readonly fetch: () => Promise<T>) {}

  get(): Promise<T> {
    if (this.#next) return this.#next;
    if (!this.#inFlight && Date.now() >= this.#readyAt) return this.#start();
    const settled = this.#inFlight?.then(nothing, nothing) ?? Promise.resolve();
    this.#next = settled.then(() => pause(this.#readyAt - Date.now())).then(() => this.#startNext());
    return this.#next;
  }

  #startNext(): Promise<T> {
    this.#next = undefined;
    return this.#start();
  }

  #start(): Promise<T> {
    const began = Date.now();
    const request = this.fetch();
    this.#inFlight = request;
    const settled = () => {
      if (this.#inFlight !== request) return;
      this.#inFlight = undefined;
      this.#readyAt = 2 * Date.now() - began;
    };
    request.then(settled, settled);
    return request;
  }
}

const nothing = (): void => undefined;

const pause = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
