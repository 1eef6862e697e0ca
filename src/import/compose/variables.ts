import { parseDotenv } from '../procfile/dotenv.js';
import type { ImportWarning } from '../warnings.js';
import type { Path } from '../document.js';
import { parseInterpolation, variablesOf, type Parsed, type Variable } from './interpolation.js';

/** Where the value of a variable came from when the import filled it in. */
export type Source = 'env file' | 'environment' | 'default' | 'blank';

/** The variables Compose interpolates with: the .env beside the Compose file, then the process environment over it. */
export interface VariableInput {
  /** The .env beside the Compose file, as printed in messages, and its text. */
  dotenv?: { file: string; text: string };
  /** The environment the import runs in (Compose lets it override .env). */
  environment?: Readonly<Record<string, string | undefined>>;
}

export type Filled = { value: string } | { required: Variable };

/** Fills in variables as Compose does, remembering each variable's source for one summary. */
export interface Interpolator {
  /** The text as Compose makes it now; `at` (a path in the Compose file) is remembered for each variable's first use. */
  fill(parsed: Parsed, at?: Path): Filled;
  /** The value of one variable, undefined when unset. */
  lookup(name: string): string | undefined;
  /** Every variable filled in so far, with where its value came from, in first-use order. */
  readonly used: ReadonlyMap<string, Source>;
  /** Where each variable was first used. */
  readonly firstUse: ReadonlyMap<string, Path>;
  readonly dotenvFile?: string;
}

/** The variables, and the problems of the .env (lines it could not read). */
export function loadVariables(input: VariableInput): { interpolator: Interpolator; problems: ImportWarning[] } {
  const values = new Map<string, { value: string; source: Source }>();
  const problems: ImportWarning[] = [];
  const environment = input.environment ?? {};
  if (input.dotenv) {
    const parsed = parseDotenv(input.dotenv.text);
    for (const p of parsed.problems) if (p.code === 'W206') problems.push({ code: p.code, message: p.message, file: input.dotenv.file, line: p.line, col: 1 });
    const earlier = makeInterpolator(values, undefined);
    for (const entry of parsed.entries) {
      const parsedValue = entry.expands ? parseInterpolation(entry.value) : undefined;
      const filled = parsedValue && parsedValue.invalid === undefined ? earlier.fill(parsedValue) : undefined;
      const value = filled && 'value' in filled ? filled.value : entry.value;
      values.set(entry.key, { value, source: 'env file' });
    }
  }
  for (const [name, value] of Object.entries(environment)) if (value !== undefined) values.set(name, { value, source: 'environment' });
  return { interpolator: makeInterpolator(values, input.dotenv?.file), problems };
}

function makeInterpolator(values: ReadonlyMap<string, { value: string; source: Source }>, dotenvFile: string | undefined): Interpolator {
  const used = new Map<string, Source>();
  const firstUse = new Map<string, Path>();
  const record = (name: string, source: Source) => {
    if (!used.has(name)) used.set(name, source);
  };
  const lookup = (name: string) => values.get(name)?.value;
  const fill = (parsed: Parsed, at?: Path): Filled => {
    if (at !== undefined) for (const v of variablesOf(parsed)) if (!firstUse.has(v.name)) firstUse.set(v.name, at);
    let out = '';
    for (const piece of parsed.pieces) {
      if ('text' in piece) {
        out += piece.text;
        continue;
      }
      const one = fillVariable(piece.variable, values, record, fill);
      if ('required' in one) return one;
      out += one.value;
    }
    return { value: out };
  };
  return { fill, lookup, used, firstUse, ...(dotenvFile !== undefined ? { dotenvFile } : {}) };
}

/** One `${NAME<op>ARG}`, by Compose's rules for each operator. */
function fillVariable(
  variable: Variable,
  values: ReadonlyMap<string, { value: string; source: Source }>,
  record: (name: string, source: Source) => void,
  fill: (parsed: Parsed) => Filled,
): Filled {
  const set = values.get(variable.name);
  const nonEmpty = set !== undefined && set.value !== '';
  const useValue = (): Filled => {
    record(variable.name, set!.source);
    return { value: set!.value };
  };
  const useArg = (source: Source): Filled => {
    record(variable.name, source);
    const inner = parseInterpolation(variable.arg);
    return inner.invalid === undefined ? fill(inner) : { value: variable.arg };
  };
  switch (variable.operator) {
    case '':
      if (set !== undefined) return useValue();
      record(variable.name, 'blank');
      return { value: '' };
    case ':-':
      return nonEmpty ? useValue() : useArg('default');
    case '-':
      return set !== undefined ? useValue() : useArg('default');
    case ':?':
      return nonEmpty ? useValue() : { required: variable };
    case '?':
      return set !== undefined ? useValue() : { required: variable };
    case ':+':
      return nonEmpty ? useArg(set!.source) : (record(variable.name, 'blank'), { value: '' });
    case '+':
      return set !== undefined ? useArg(set.source) : (record(variable.name, 'blank'), { value: '' });
  }
}

/** A literal as Compose text: every `$` written `$$`, so nothing in it is read as a variable again. */
export function escapeDollars(text: string): string {
  return text.replace(/\$/g, '$$$$');
}

/** Compose's message for a required variable that is unset. */
export function requiredMessage(variable: Variable): string {
  const why = variable.arg === '' ? '' : `: ${variable.arg}`;
  return `required variable $${variable.name} is set neither in .env nor in the environment${why}`;
}
