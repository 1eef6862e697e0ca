/** A supervisor that runs the container wrapper waits this much longer than the container's stop timeout before it kills the wrapper. */
export const dockerStopMarginMs = 5_000;
