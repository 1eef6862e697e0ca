import type { Path } from '../document.js';
import { code } from './context.js';
import { environmentEntries, secretName } from './env.js';
import { parseInterpolation, variablesOf, wholeVariable, type Parsed, type Variable } from './interpolation.js';
import { isRecord } from './records.js';
import { escapeDollars, requiredMessage, type Interpolator } from './variables.js';

/** Why the import refuses a service: E401 when Compose itself would refuse it, E402 when a blank would change it, E403 when a secret or config is no file. */
export interface FillError {
  code: 'E401' | 'E402' | 'E403';
  path: Path;
  message: string;
  hint?: string;
}

/**
 * Keys where a variable Compose leaves blank (unset, no default) changes what runs without a word,
 * or makes Compose reject the file: the import refuses those, with what the blank would do.
 */
const blankChanges: Record<string, string> = {
  image: 'which names another image or none (Compose rejects `repo:` with no tag)',
  volumes: 'which mounts another path or none (Compose rejects an empty source)',
  ports: 'which publishes another port, a random one, or on every address',
  env_file: 'which names no file',
  devices: 'which passes no device',
  user: "which runs it as the image's own user, often root",
  working_dir: "which runs it in the image's own folder",
  network_mode: 'which joins another network',
  tmpfs: 'which mounts no path',
};

const setHint = (names: string, otherwise = '') => `set ${names} in .env beside the Compose file (or a file given with --env-file) or in the environment of the import${otherwise}, and import again`;

/**
 * The services with every string filled in as Compose would now (with .env and the environment),
 * except environment values, which the env conversion reads with the variables themselves (they are
 * only checked here). Results stay Compose text (a literal `$` as `$$`), so later steps read them as
 * before, and no variable is left in them: what cannot be filled is an error.
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
      if (key === 'environment') {
        checkEnvironment(value, path, interpolator, errors);
        filled[key] = value;
      } else filled[key] = fillValue(value, path, { interpolator, errors, blank: blankChanges[key] });
    }
    out[name] = filled;
  }
  return { services: out, errors };
}

/** What a blank does in the top-level definitions the spec carries. */
const definitionBlanks: Record<string, string | undefined> = {
  volumes: 'which names another volume',
  secrets: 'which names another file or none',
  configs: 'which names another file or none',
  networks: undefined,
};

/** The top-level definitions services refer to (`volumes`, `secrets`, `configs`, `networks`), filled in as the services are. */
export function fillDefinitions(data: Record<string, unknown>, interpolator: Interpolator): { definitions: Record<string, unknown>; errors: FillError[] } {
  const errors: FillError[] = [];
  const definitions: Record<string, unknown> = {};
  for (const [key, blank] of Object.entries(definitionBlanks)) {
    if (data[key] !== undefined) definitions[key] = fillValue(data[key], [key], { interpolator, errors, blank });
  }
  return { definitions, errors };
}

/** What Compose refuses in its top-level `name:` (an unset required variable, a bad substitution). */
export function nameErrors(name: unknown, interpolator: Interpolator): FillError[] {
  const errors: FillError[] = [];
  if (typeof name === 'string') fillValue(name, ['name'], { interpolator, errors, blank: undefined });
  return errors;
}

/** Compose's `name:` filled in; undefined when it cannot be. */
export function fillText(text: string, interpolator: Interpolator, at: Path): string | undefined {
  const parsed = parseInterpolation(text);
  if (parsed.invalid !== undefined) return undefined;
  const filled = interpolator.fill(parsed, at);
  return 'value' in filled ? filled.value : undefined;
}

interface Filling {
  interpolator: Interpolator;
  errors: FillError[];
  /** What a blank does under this key, when the import refuses one there. */
  blank: string | undefined;
}

function fillValue(value: unknown, path: Path, filling: Filling): unknown {
  if (Array.isArray(value)) return value.map((item, i) => fillValue(item, [...path, i], filling));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillValue(v, [...path, k], filling)]));
  if (typeof value !== 'string') return value;
  const parsed = parseInterpolation(value);
  if (refused(value, parsed, path, filling.errors)) return value;
  if (variablesOf(parsed).length === 0) return value;
  const blanks = variablesOf(parsed).filter((v) => v.operator === '' && filling.interpolator.lookup(v.name) === undefined);
  if (filling.blank !== undefined && blanks.length > 0) {
    const names = blanks.map((v) => `$${v.name}`).join(', ');
    const message = `${code(value)} needs ${names}, set neither in .env nor in the environment: Compose would leave a blank there, ${filling.blank}`;
    filling.errors.push({ code: 'E402', path, message, hint: setHint(names, `, or give ${blanks.length === 1 ? 'it' : 'each'} a default (\${${blanks[0]!.name}:-value})`) });
    return value;
  }
  const filled = filling.interpolator.fill(parsed, path);
  if ('required' in filled) {
    filling.errors.push(requiredError(value, filled.required, path));
    return value;
  }
  return escapeDollars(filled.value);
}

/** A substitution Compose cannot read (`${1X}`, an unclosed `${`): Compose refuses the file. */
function refused(value: string, parsed: Parsed, path: Path, errors: FillError[]): boolean {
  if (parsed.invalid === undefined) return false;
  errors.push({ code: 'E401', path, message: `${code(value)}: ${parsed.invalid}; Compose refuses the file, so does the import`, hint: 'write `$$` for a literal `$`' });
  return true;
}

function requiredError(value: string, variable: Variable, path: Path): FillError {
  return { code: 'E401', path, message: `${code(value)}: ${requiredMessage(variable)}; Compose refuses the file, so does the import`, hint: setHint(`$${variable.name}`) };
}

/**
 * Environment values Compose would refuse: a bad substitution, or a required variable that is unset.
 * A whole-variable value read when the service starts is left to the env conversion: a secret-named
 * key (a secret read from the variable) or the key's own name (`KEY: ${KEY:?}` is `env_required`).
 */
function checkEnvironment(value: unknown, path: Path, interpolator: Interpolator, errors: FillError[]): void {
  for (const [key, text, at] of environmentEntries(value) ?? []) {
    if (text === null) continue;
    const parsed = parseInterpolation(text);
    const where = [...path, at];
    if (refused(text, parsed, where, errors)) continue;
    const whole = wholeVariable(parsed);
    if (whole && !whole.operator.includes('+') && (secretName.test(key) || whole.name === key)) continue;
    const required = unsetRequired(parsed, interpolator.lookup);
    if (required) errors.push(requiredError(text, required, where));
  }
}

/** The first `${X?}`/`${X:?}` whose variable is unset where Compose would read it (defaults included). */
function unsetRequired(parsed: Parsed, lookup: (name: string) => string | undefined): Variable | undefined {
  for (const v of variablesOf(parsed)) {
    const value = lookup(v.name);
    const set = v.operator.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
    if (v.operator.endsWith('?') && !set) return v;
    const readsArg = v.operator.endsWith('-') ? !set : v.operator.endsWith('+') && set;
    const inner = readsArg ? parseInterpolation(v.arg) : undefined;
    const nested = inner && inner.invalid === undefined ? unsetRequired(inner, lookup) : undefined;
    if (nested) return nested;
  }
  return undefined;
}
