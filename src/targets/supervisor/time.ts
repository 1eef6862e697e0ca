/** Whole seconds, rounded up: supervisord and Docker take stop timeouts in seconds. */
export function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
