const multipliers: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** "512M" → 536870912. Suffixes are binary (K = 1024), as in Docker and systemd. */
export function parseSize(text: string): number {
  const match = /^([0-9]+)([kmgt]?)$/i.exec(text);
  if (!match) throw new Error(`not a size: ${text}`);
  return Number(match[1]) * multipliers[match[2]!.toLowerCase()]!;
}
