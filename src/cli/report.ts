import type { Compiled } from '../compile.js';
import type { Diagnostic } from '../spec/diagnostic.js';
import { renderDiagnostics } from '../spec/render.js';
import type { Io } from './io.js';

/** Prints diagnostics against the spec they came from. */
export function report(io: Io, compiled: Compiled, extra: readonly Diagnostic[] = []): void {
  const text = renderDiagnostics([...compiled.diagnostics, ...extra], {
    file: compiled.file,
    ...(compiled.parsed ? { doc: compiled.parsed.doc, lines: compiled.parsed.lines } : {}),
    color: io.color,
  });
  if (text) io.err(text);
}
