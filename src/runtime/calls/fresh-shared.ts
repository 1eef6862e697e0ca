/**
 * One request at a time for any number of callers: whoever asks while a request is in flight shares
 * the next one, which starts once that one is done, so every answer was asked for after the question.
 * supervisord and the PM2 daemon answer one call after the other: a readiness check per service, each
 * asking for every process's state, would otherwise queue hundreds of calls on a large stack and
 * time them out.
 */
export class FreshShared<T> {
  #inFlight: Promise<T> | undefined;
  #next: Promise<T> | undefined;

  constructor(private readonly fetch: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.#inFlight) return this.#start();
    this.#next ??= this.#inFlight.then(
      () => this.#startNext(),
      () => this.#startNext(),
    );
    return this.#next;
  }

  #startNext(): Promise<T> {
    this.#next = undefined;
    return this.#start();
  }

  #start(): Promise<T> {
    const request = this.fetch();
    this.#inFlight = request;
    const settled = () => {
      if (this.#inFlight === request) this.#inFlight = undefined;
    };
    request.then(settled, settled);
    return request;
  }
}
