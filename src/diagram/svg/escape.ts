const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values in SVG (XML): the five characters XML gives meaning to. */
export function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

/** Coordinates with one decimal, so the same graph gives the same bytes. */
export function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}
