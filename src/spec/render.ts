import type { Document, LineCounter } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Locator } from './lazy-positions.js';
import { SpecPositions } from './positions.js';

export interface RenderOptions {
  /** The file name printed in front of each diagnostic. */
  file: string;
  /** Where paths point; else they are found in `doc` (with `lines`). */
  positions?: Locator;
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
  return inPositionOrder(diagnostics, options).map(({ diagnostic, line, col }) => ({ ...diagnostic, file: options.file, line, col }));
}

/** `file:line:col: error[CODE]: message`, then `  hint: ...` where there is one. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderOptions): string {
  const paint = painter(options.color);
  const lines: string[] = [];
  for (const { diagnostic: d, line, col } of inPositionOrder(diagnostics, options)) {
    const label = d.severity === 'error' ? paint('31;1', `error[${d.code}]`) : paint('33;1', `warning[${d.code}]`);
    lines.push(`${paint('1', `${options.file}:${line}:${col}:`)} ${label}: ${d.message}`);
    if (d.hint) lines.push(`  ${paint('36', 'hint:')} ${d.hint}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

interface Placed {
  diagnostic: Diagnostic;
  line: number;
  col: number;
}

/** Each diagnostic with its line and column (not copied: a large spec has tens of thousands), by position, then code. */
function inPositionOrder(diagnostics: readonly Diagnostic[], options: Omit<RenderOptions, 'color'>): Placed[] {
  const positions = options.positions ?? (options.doc && options.lines && diagnostics.some((d) => !d.position) ? new SpecPositions(options.doc, options.lines) : undefined);
  const unknown = { line: 1, col: 1 };
  const placed = diagnostics.map((diagnostic): Placed => {
    const position = diagnostic.position ?? positions?.locate(diagnostic) ?? unknown;
    return { diagnostic, line: position.line, col: position.col };
  });
  // codes are a capital and three digits: comparing code units orders them as the alphabet does
  return placed.sort((a, b) => a.line - b.line || a.col - b.col || (a.diagnostic.code < b.diagnostic.code ? -1 : a.diagnostic.code > b.diagnostic.code ? 1 : 0));
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
