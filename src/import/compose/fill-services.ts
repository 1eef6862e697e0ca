import type { Path } from '../document.js';
import { code } from './context.js';
import { parseInterpolation, variablesOf } from './interpolation.js';
import { isRecord } from './records.js';
import { escapeDollars, requiredMessage, type Interpolator } from './variables.js';

export interface FillError {
  path: Path;
  message: string;
}

/** Keys whose strings Compose rejects when an unset variable leaves a blank in them. */
const noBlank = new Set(['image', 'volumes']);

/**
 * The services with every string filled in as Compose would now (with .env and the environment),
 * except environment values, which the env conversion reads with the variables themselves. Results
 * stay Compose text (a literal `$` as `$$`), so later steps read them as before.
 */
export function fillServices(services: Record<string, unknown>, interpolator: Interpolator): { services: Record<string, unknown>; errors: FillError[] } {
  const errors: FillError[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(services)) {
    if (!isRecord(service)) {
      out[name] = service;
      continue;
    }
    const filled: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(service)) {
      const path = ['services', name, key];
      filled[key] = key === 'environment' ? value : fillValue(value, path, interpolator, noBlank.has(key) ? errors : undefined, errors);
    }
    out[name] = filled;
  }
  return { services: out, errors };
}

/** Compose's `name:` filled in; undefined when it cannot be. */
export function fillText(text: string, interpolator: Interpolator, at: Path): string | undefined {
  const parsed = parseInterpolation(text);
  if (parsed.invalid !== undefined) return undefined;
  const filled = interpolator.fill(parsed, at);
  return 'value' in filled ? filled.value : undefined;
}

function fillValue(value: unknown, path: Path, interpolator: Interpolator, blankErrors: FillError[] | undefined, errors: FillError[]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => fillValue(item, [...path, i], interpolator, blankErrors, errors));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillValue(v, [...path, k], interpolator, blankErrors, errors)]));
  if (typeof value !== 'string') return value;
  const parsed = parseInterpolation(value);
  const variables = variablesOf(parsed);
  if (parsed.invalid !== undefined || variables.length === 0) return value;
  const blanks = variables.filter((v) => v.operator === '' && interpolator.lookup(v.name) === undefined);
  if (blankErrors && blanks.length > 0) {
    const names = blanks.map((v) => `$${v.name}`).join(', ');
    blankErrors.push({ path, message: `${code(value)} needs ${names}, set neither in .env nor in the environment: Compose would leave a blank there and reject it; set ${blanks.length === 1 ? 'it' : 'them'} and import again` });
    return value;
  }
  const filled = interpolator.fill(parsed, path);
  if ('required' in filled) {
    errors.push({ path, message: `${code(value)}: ${requiredMessage(filled.required)}; Compose refuses the file, so does the import` });
    return value;
  }
  return escapeDollars(filled.value);
}
