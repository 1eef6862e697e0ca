import { parseInterpolation, type Parsed } from './interpolation.js';

/**
 * A filled-in Compose string (fill-services.ts left no variable in it) as orchgen's literal value:
 * `$$` becomes `$`.
 */
export function literalValue(text: string): string {
  return rawText(parseInterpolation(text));
}

/** The text with `$$` unescaped and variables as written. */
export function rawText(parsed: Parsed): string {
  return parsed.pieces.map((p) => ('text' in p ? p.text : p.variable.raw)).join('');
}

/** A scalar Compose accepts where a string goes (numbers and booleans as their text). */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
