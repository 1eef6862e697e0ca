const multiplier: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
const dockerSize = /^([0-9]+(?:\.[0-9]+)?) ?([kmgtp]?)(?:i?b)?$/i;

export interface ConvertedSize {
  /** An orchgen size such as `512M`. */
  text: string;
  /** Set when the value was rounded to whole bytes. */
  rounded?: boolean;
}

/** A Compose size (`512m`, `1g`, `1gb`, `2GiB`, a byte count) in the largest binary unit that holds it exactly. */
export function composeSize(value: unknown): ConvertedSize | undefined {
  let bytes: number;
  if (typeof value === 'number') bytes = value;
  else if (typeof value === 'string' && dockerSize.test(value)) {
    const [, amount, unit] = dockerSize.exec(value)!;
    bytes = Number(amount) * multiplier[unit!.toLowerCase()]!;
  } else return undefined;
  if (!Number.isFinite(bytes) || bytes < 0) return undefined;
  const whole = Math.round(bytes);
  const out: ConvertedSize = { text: sizeText(whole) };
  if (whole !== bytes) out.rounded = true;
  return out;
}

const units: Array<[string, number]> = [
  ['T', 1024 ** 4],
  ['G', 1024 ** 3],
  ['M', 1024 ** 2],
  ['K', 1024],
];

function sizeText(bytes: number): string {
  for (const [suffix, size] of units) if (bytes > 0 && bytes % size === 0) return `${bytes / size}${suffix}`;
  return String(bytes);
}
