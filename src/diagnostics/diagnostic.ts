import { catalog, type Code, type Severity } from './catalog.js';

/** A path into the spec document: keys and sequence indexes. */
export type SpecPath = ReadonlyArray<string | number>;

export interface Position {
  line: number;
  col: number;
}

export interface Diagnostic {
  code: Code;
  severity: Severity;
  message: string;
  /** Where in the spec; positions are resolved from it when printed. */
  path: SpecPath;
  /** Point at the key of the last path segment rather than its value. */
  atKey?: boolean;
  hint?: string;
  /** Set when the position is known directly (YAML syntax errors). */
  position?: Position;
}

export interface DiagnosticInput {
  path?: SpecPath;
  atKey?: boolean;
  hint?: string;
  position?: Position;
}

export function diagnostic(code: Code, message: string, at: DiagnosticInput = {}): Diagnostic {
  return { code, severity: catalog[code].severity, message, path: at.path ?? [], ...pick(at) };
}

function pick(at: DiagnosticInput): Partial<Diagnostic> {
  const out: Partial<Diagnostic> = {};
  if (at.atKey) out.atKey = true;
  if (at.hint) out.hint = at.hint;
  if (at.position) out.position = at.position;
  return out;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `services.api.ports[0]` */
export function formatPath(path: SpecPath): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out;
}
