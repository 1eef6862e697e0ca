import type { Rendered } from '../pipeline/render.js';
import type { Compiled } from '../pipeline/compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Locator } from '../spec/lazy-positions.js';
import { renderDiagnostics } from '../spec/render.js';
import type { Io } from './io.js';
import { gapSummary, shownInFull } from './native-gaps.js';

/** Prints diagnostics against the spec they came from; `positions` when the parsed document is gone. */
export function report(io: Io, compiled: Compiled, extra: readonly Diagnostic[] = [], positions?: Locator): void {
  const where = positions ? { positions } : compiled.parsed ? { positions: compiled.parsed.positions } : {};
  const diagnostics = [...compiled.diagnostics, ...extra];
  // the colour is asked only when there is something to print: asking looks at stderr's stream
  if (diagnostics.length > 0) io.err(renderDiagnostics(diagnostics, { file: compiled.file, ...where, color: io.color }));
}


/** A build's diagnostics: the spec's and the targets', with the native gaps one line per target unless verbose. */
export function reportBuild(io: Io, compiled: Compiled, rendered: Pick<Rendered, 'diagnostics' | 'targetOf'>, verbose: boolean, positions?: Locator): void {
  report(io, compiled, shownInFull(rendered.diagnostics, verbose), positions);
  if (!verbose) io.err(gapSummary(compiled.file, rendered));
}
