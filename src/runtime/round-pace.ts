/**
 * How often each service coming up is asked about: every 50 ms while a few are, less often as more
 * wait at once, so that all of them together make about 200 rounds a second (a hundred services:
 * each every 500 ms). A round asks the tool and probes the check; a hundred services probed every
 * 50 ms would keep two cores busy answering probes instead of starting them.
 */
export class RoundPace {
  #waiting = 0;

  constructor(
    private readonly fastestMs = 50,
    private readonly perWaitMs = 5,
  ) {}

  /** Counts one more wait until the returned function is called (once is enough; more are ignored). */
  enter(): () => void {
    this.#waiting++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#waiting--;
    };
  }

  intervalMs(): number {
    return Math.max(this.fastestMs, this.#waiting * this.perWaitMs);
  }
}

/** The pace every wait of this process shares. */
export const roundPace = new RoundPace();
