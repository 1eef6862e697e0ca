/** Compose interpolates `$` in every string value: a literal `$` is written `$$`. */
export function literal(text: string): string {
  return text.replace(/\$/g, '$$$$');
}
