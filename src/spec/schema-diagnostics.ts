import type { ErrorObject } from 'ajv';
import { diagnostic, formatPath, type Diagnostic, type SpecPath } from '../diagnostics/diagnostic.js';
import { describeValue, listOf, quote, typeName } from './describe.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Code } from '../diagnostics/catalog.js';

type AjvError = ErrorObject & { propertyName?: string };

const branchMismatch = new Set(['type', 'enum', 'const']);

/** Turns ajv's errors into one diagnostic per real problem. */
export function schemaDiagnostics(errors: readonly AjvError[], data: unknown): Diagnostic[] {
  const kept = resolveAlternatives(errors.filter((e) => e.keyword !== 'propertyNames'));
  return kept.map((error) => ('merged' in error ? mergedDiagnostic(error, data) : toDiagnostic(error, data)));
}

interface MergedError {
  merged: true;
  instancePath: string;
  expected: string[];
  /** The words the alternatives allow, for a did-you-mean. */
  words: string[];
  data: unknown;
}

/**
 * An anyOf lists alternatives; ajv reports why each one failed. When some alternative matched the
 * value's shape and failed inside, its errors are the real ones; otherwise say what was expected.
 * Innermost first, so an outer anyOf sees what the inner ones left.
 */
function resolveAlternatives(errors: readonly AjvError[]): Array<AjvError | MergedError> {
  const open = new OpenErrors(errors);
  const merged: MergedError[] = [];
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => depth(b) - depth(a));
  for (const anyOf of anyOfs) {
    const at = anyOf.instancePath;
    const mismatches = open.at(at).filter((e) => branchMismatch.has(e.keyword));
    // what is left under the anyOf once it and its alternatives' mismatches are set aside
    const real = open.within(at) - 1 - mismatches.length;
    open.close(anyOf);
    for (const mismatch of mismatches) open.close(mismatch);
    if (real === 0) merged.push({ merged: true, instancePath: at, expected: mismatches.flatMap(expectation), words: mismatches.flatMap(allowedWords), data: anyOf.data });
  }
  return [...errors.filter((e) => open.has(e)), ...merged];
}

/**
 * The errors not yet resolved, by place and counted under every place that contains them: a spec
 * with thousands of errors is resolved without comparing each anyOf with every error.
 */
class OpenErrors {
  private readonly open: Set<AjvError>;
  private readonly byPath = new Map<string, AjvError[]>();
  private readonly countWithin = new Map<string, number>();

  constructor(errors: readonly AjvError[]) {
    this.open = new Set(errors);
    for (const error of errors) {
      const here = this.byPath.get(error.instancePath);
      if (here) here.push(error);
      else this.byPath.set(error.instancePath, [error]);
      for (const path of enclosingPaths(error.instancePath)) this.countWithin.set(path, (this.countWithin.get(path) ?? 0) + 1);
    }
  }

  has(error: AjvError): boolean {
    return this.open.has(error);
  }

  /** Open errors at exactly this place, in ajv's order. */
  at(path: string): AjvError[] {
    return (this.byPath.get(path) ?? []).filter((e) => this.open.has(e));
  }

  /** How many open errors are at this place or inside it. */
  within(path: string): number {
    return this.countWithin.get(path) ?? 0;
  }

  close(error: AjvError): void {
    if (!this.open.delete(error)) return;
    for (const path of enclosingPaths(error.instancePath)) this.countWithin.set(path, this.countWithin.get(path)! - 1);
  }
}

/** "/services/api/env" → "", "/services", "/services/api", "/services/api/env". */
function enclosingPaths(path: string): string[] {
  const paths = [''];
  for (let slash = path.indexOf('/', 1); slash !== -1; slash = path.indexOf('/', slash + 1)) paths.push(path.slice(0, slash));
  if (path !== '') paths.push(path);
  return paths;
}

function expectation(error: AjvError): string[] {
  if (error.keyword === 'enum') return (error.params.allowedValues as unknown[]).map((v) => quote(v));
  if (error.keyword === 'const') return [quote(error.params.allowedValue)];
  const types = error.params.type as string | string[];
  return (Array.isArray(types) ? types : [types]).map(typeName);
}

function allowedWords(error: AjvError): string[] {
  if (error.keyword === 'enum') return (error.params.allowedValues as unknown[]).filter((v) => typeof v === 'string');
  if (error.keyword === 'const' && typeof error.params.allowedValue === 'string') return [error.params.allowedValue];
  return [];
}

function depth(error: AjvError): number {
  return error.instancePath.split('/').length;
}

function mergedDiagnostic(error: MergedError, data: unknown): Diagnostic {
  const path = toPath(error.instancePath, data);
  const code: Code = error.expected.some((e) => e.startsWith('`')) ? 'E104' : 'E103';
  const hint = typeof error.data === 'string' ? didYouMean(error.data, error.words) : undefined;
  return diagnostic(code, `${label(path)} must be ${listOf(error.expected)}, not ${describeValue(error.data)}`, { path, ...(hint ? { hint } : {}) });
}

function toDiagnostic(error: AjvError, data: unknown): Diagnostic {
  const path = toPath(error.instancePath, data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey(path, String(params.additionalProperty), error.parentSchema);
    case 'required':
      return diagnostic('E102', `${label(path)} is missing the required key \`${String(params.missingProperty)}\``, { path, atKey: true });
    case 'type':
      return diagnostic('E103', `${label(path)} must be ${listOf(expectation(error))}, not ${describeValue(error.data)}`, { path });
    case 'enum':
      return notOneOf(path, error.data, (params.allowedValues as unknown[]).map(String));
    case 'const':
      return diagnostic('E104', `${label(path)} must be ${quote(params.allowedValue)}, not ${describeValue(error.data)}`, { path });
    case 'pattern':
      return patternDiagnostic(error, path);
    case 'maximum':
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maxItems':
      return rangeDiagnostic(error, path);
    default:
      return diagnostic('E104', `${label(path)} ${error.message ?? 'is invalid'}`, { path });
  }
}

function unknownKey(parent: SpecPath, key: string, parentSchema: unknown): Diagnostic {
  const known = Object.keys((parentSchema as { properties?: object } | undefined)?.properties ?? {});
  const path = [...parent, key];
  const hint = didYouMean(key, known);
  const at = { path, atKey: true, ...(hint ? { hint } : {}) };
  const setIndex = parent.length - 1;
  if (parent[setIndex] === 'set' && parent[setIndex - 2] === 'fallbacks') {
    return diagnostic('E206', `fallback sets \`${key}\`, which is not a service key`, at);
  }
  const where = parent.length === 0 ? 'at the top level' : `in ${label(parent)}`;
  return diagnostic('E101', `unknown key \`${key}\` ${where}`, at);
}

const patternCodes: Array<[string, Code, string]> = [
  ['/definitions/name/', 'E105', 'a name: lower-case letters, digits and dashes, starting with a letter'],
  ['/definitions/envName/', 'E105', 'an environment variable name: letters, digits and _, not starting with a digit'],
  ['/definitions/duration/', 'E106', 'a duration such as 500ms, 2s, 1m30s or 1h'],
  ['/definitions/positiveDuration/', 'E106', 'a duration above zero such as 500ms, 2s, 1m30s or 1h'],
  ['/definitions/size/', 'E107', 'a size such as 512M or 1G'],
];

/** Values of the right form whose numbers are past the bounds the pattern sets. */
const tooLargeForms: Array<[string, Code, RegExp, string]> = [
  ['/definitions/duration/', 'E106', /^(?=[0-9])([0-9]+h)?([0-9]+m(?!s))?([0-9]+s)?([0-9]+ms)?$/, 'a duration with at most 5 digits per number (99999h is over 11 years)'],
  ['/definitions/positiveDuration/', 'E106', /^(?=[0-9])(?=[^1-9]*[1-9])([0-9]+h)?([0-9]+m(?!s))?([0-9]+s)?([0-9]+ms)?$/, 'a duration with at most 5 digits per number (99999h is over 11 years)'],
  ['/definitions/size/', 'E107', /^[0-9]+[KMGTkmgt]?$/, 'a size below 1000T (at most 15 digits of bytes, 12 of K, 9 of M, 6 of G, 3 of T)'],
];

function patternDiagnostic(error: AjvError, parent: SpecPath): Diagnostic {
  const tooLarge = tooLargeForms.find(([fragment, , form]) => error.schemaPath.includes(fragment) && typeof error.data === 'string' && form.test(error.data));
  if (tooLarge && error.propertyName === undefined) {
    const [, code, , expected] = tooLarge;
    return diagnostic(code, `${label(parent)} must be ${expected}, not ${describeValue(error.data)}`, { path: parent });
  }
  const [, code, expected] = patternCodes.find(([fragment]) => error.schemaPath.includes(fragment)) ?? [
    '',
    'E108',
    expectedText(error.parentSchema) ?? `text matching ${String(error.params.pattern)}`,
  ];
  if (error.propertyName !== undefined) {
    const path = [...parent, error.propertyName];
    return diagnostic(code, `${quote(error.propertyName)} in ${label(parent)} is not ${lowerFirst(expected)}`, { path, atKey: true });
  }
  return diagnostic(code, `${label(parent)} must be ${lowerFirst(expected)}, not ${describeValue(error.data)}`, { path: parent });
}

const bounds: Record<string, string> = { maximum: 'at most', minimum: 'at least', exclusiveMinimum: 'more than' };

/** A number past a documented bound, or a list longer than one; the schema's description says why. */
function rangeDiagnostic(error: AjvError, path: SpecPath): Diagnostic {
  const limit = (error.params as { limit: number }).limit;
  if (error.keyword === 'maxItems') {
    const count = Array.isArray(error.data) ? error.data.length : 0;
    return diagnostic('E109', `${label(path)} lists ${count} items; at most ${limit} are allowed`, { path });
  }
  return diagnostic('E109', `${label(path)} must be ${bounds[error.keyword]!} ${limit}, not ${describeValue(error.data)}`, { path });
}

function expectedText(schema: unknown): string | undefined {
  return (schema as Record<string, string> | undefined)?.['x-expected'];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

/** E104: a value that must be one of `allowed`, with the nearest one as a hint. */
export function notOneOf(path: SpecPath, value: unknown, allowed: readonly string[]): Diagnostic {
  const hint = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
  return diagnostic('E104', `${label(path)} must be ${listOf(allowed.map(quote))}, not ${describeValue(value)}`, { path, ...(hint ? { hint } : {}) });
}

function label(path: SpecPath): string {
  return path.length === 0 ? 'the spec' : `\`${formatPath(path)}\``;
}

/** "/services/api/ports/0" → ['services', 'api', 'ports', 0], numbers where the data is a list. */
function toPath(pointer: string, data: unknown): SpecPath {
  const path: Array<string | number> = [];
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(segment) : segment;
    path.push(key);
    node = node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, unknown>)[key];
  }
  return path;
}
