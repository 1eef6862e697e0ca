import type { Document, LineCounter } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import { locate } from './positions.js';

export interface RenderOptions {
  /** The file name printed in front of each diagnostic. */
  file: string;
  doc?: Document.Parsed;
  lines?: LineCounter;
  color: boolean;
}

export interface LocatedDiagnostic extends Diagnostic {
  file: string;
  line: number;
  col: number;
}

export function locateAll(diagnostics: readonly Diagnostic[], options: Omit<RenderOptions, 'color'>): LocatedDiagnostic[] {
  return diagnostics
    .map((d) => {
      const position = d.position ?? (options.doc && options.lines ? locate(options.doc, options.lines, d) : { line: 1, col: 1 });
      return { ...d, file: options.file, line: position.line, col: position.col };
    })
    .sort((a, b) => a.line - b.line || a.col - b.col || a.code.localeCompare(b.code));
}

/** `file:line:col: error[CODE]: message`, then `  hint: ...` where there is one. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderOptions): string {
  const paint = painter(options.color);
  const lines: string[] = [];
  for (const d of locateAll(diagnostics, options)) {
    const label = d.severity === 'error' ? paint('31;1', `error[${d.code}]`) : paint('33;1', `warning[${d.code}]`);
    lines.push(`${paint('1', `${d.file}:${d.line}:${d.col}:`)} ${label}: ${d.message}`);
    if (d.hint) lines.push(`  ${paint('36', 'hint:')} ${d.hint}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function summary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

function painter(color: boolean) {
  return (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
}
