import { formatDuration } from '../model/duration.js';

const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, '\u00b5s': 0.001, ns: 0.000001 };
const goDuration = /^(?:[0-9]+(?:\.[0-9]+)?(?:h|m|s|ms|us|\u00b5s|ns))+$/;

export interface ConvertedDuration {
  /** An orchgen duration such as `1m30s`. */
  text: string;
  /** Set when the Compose value was rounded to whole milliseconds. */
  rounded?: boolean;
}

/** A Compose duration (`1m30s`, `1.5s`, `500ms`, `1h`, `10us`) as an orchgen one; undefined when it is not one. */
export function composeDuration(value: unknown): ConvertedDuration | undefined {
  if (typeof value !== 'string' || !goDuration.test(value)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of value.matchAll(/([0-9]+(?:\.[0-9]+)?)(h|ms|m|s|us|\u00b5s|ns)/g)) ms += Number(amount) * unitMs[unit!]!;
  // A positive duration stays positive: 100us is 1ms, not 0s.
  const whole = ms > 0 ? Math.max(1, Math.round(ms)) : 0;
  const out: ConvertedDuration = { text: formatDuration(whole) };
  if (Math.abs(whole - ms) > 1e-9) out.rounded = true;
  return out;
}
