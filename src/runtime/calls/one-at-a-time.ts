/**
 * Runs the calls given to it one after the other. supervisord and the PM2 daemon serve one call at a
 * time and spawn the process within the start call: a hundred starts sent at once queue there, and
 * the last ones time out before they are even read. Sent one by one, each is answered at once.
 */
export class OneAtATime {
  #last: Promise<unknown> = Promise.resolve();

  run<T>(call: () => Promise<T>): Promise<T> {
    const result = this.#last.then(call, call);
    this.#last = result.catch(() => undefined);
    return result;
  }
}
