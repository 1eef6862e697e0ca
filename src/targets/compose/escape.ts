/** Compose interpolates `$` in every string value: a literal `$` is written `$$`. */
export function literal(text: string): string {
  return text.replace(/\$/g, '$$$$');
}

/**
 * Why a value cannot reach a container byte for byte, or undefined when it can: argv and environment
 * strings end at a NUL, and a lone UTF-16 surrogate has no UTF-8 form.
 */
export function uncarriable(text: string): string | undefined {
  if (text.includes('\0')) return 'it contains a NUL character';
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) return 'it contains a lone UTF-16 surrogate';
  return undefined;
}
