const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** "1m30s" → 90000. The schema has already checked the form. */
export function parseDuration(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+)(ms|h|m|s)/g)) total += Number(amount) * units[unit!]!;
  return total;
}

/** 90000 → "1m30s"; 1500 → "1s500ms". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of Object.entries(units)) {
    const amount = Math.floor(rest / size);
    if (amount > 0) out += `${amount}${unit}`;
    rest -= amount * size;
  }
  return out;
}
