import type { Path } from '../document.js';
import { code, type ServiceContext } from './context.js';
import { literalOf, parseInterpolation, variablesOf, withDefaults, type Parsed } from './interpolation.js';

export interface Place {
  /** Under the Compose service. */
  key: Path;
  /** Under the orchgen service, where a comment goes. */
  out: Path;
  /** `image`, `command`, ... for messages. */
  what: string;
}

/**
 * A Compose string as orchgen's literal value. `$$` becomes `$`; variables with defaults take their
 * default (what Compose does when they are unset); other variables cannot be kept: they stay as
 * written, with a warning and a comment.
 */
export function literalValue(ctx: ServiceContext, text: string, place: Place): string {
  const parsed = parseInterpolation(text);
  if (parsed.invalid !== undefined) {
    ctx.warn('W203', `${place.what} of ${code(ctx.source)}: ${parsed.invalid}; Compose rejects it, kept as written`, place.key, true);
    ctx.note(place.out, `FIXME: ${parsed.invalid} in ${code(text)}`);
  }
  const literal = literalOf(parsed);
  if (literal !== undefined) return literal;
  const defaulted = withDefaults(parsed);
  if (defaulted !== undefined) {
    defaultedNote(ctx, parsed, text, place);
    return defaulted;
  }
  const raw = rawText(parsed);
  const names = variablesOf(parsed).map((v) => v.raw).join(', ');
  ctx.warn('W203', `${place.what} of ${code(ctx.source)} uses ${names} without a default: orchgen values are literal, so it is written as is; replace it`, place.key, true);
  ctx.note(place.out, `FIXME: Compose filled in ${names} in ${place.what} from its environment; orchgen takes the text literally`);
  return raw;
}

export function defaultedNote(ctx: ServiceContext, parsed: Parsed, text: string, place: Place): void {
  const names = variablesOf(parsed).map((v) => `$${v.name}`).join(', ');
  ctx.warn('W203', `${place.what} of ${code(ctx.source)} is ${code(text)}: written as its default; Compose used ${names} instead when set`, place.key, true);
  ctx.note(place.out, `was ${text} in the Compose file: the default is kept; set the value here to change it`);
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
