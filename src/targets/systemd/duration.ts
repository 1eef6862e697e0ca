/** A systemd time span that says the milliseconds exactly: 1s, 1500ms, 0. */
export function timeSpan(ms: number): string {
  if (ms === 0) return '0';
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Whole seconds, rounded up, for tools that count in seconds (docker stop -t). */
export function ceilSeconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
