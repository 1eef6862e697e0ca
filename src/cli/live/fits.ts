/**
 * Whether `up` and `down` may redraw a live view on stdout: only on a terminal, and not where
 * plain lines are asked for or read back (NO_COLOR, TERM=dumb, CI of any value).
 */
export function liveViewFits(stdout: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stdout.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb' && env.CI === undefined;
}
