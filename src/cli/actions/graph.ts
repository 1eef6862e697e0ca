import { compileFile } from '../../compile.js';
import { graphFormats, type GraphFormat } from '../../graph/format/all.js';
import { targetNames } from '../../model/types.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { summary } from '../../spec/render.js';
import { specFile } from '../commands/shared.js';
import type { Io } from '../io.js';
import { report } from '../report.js';

export function graph(io: Io, file: string, format: GraphFormat): number {
  const compiled = compileFile(specFile(io, file), targetNames);
  report(io, compiled);
  if (hasErrors(compiled.diagnostics)) {
    io.err(`${summary(compiled.diagnostics)}\n`);
    return 1;
  }
  io.out(graphFormats[format](compiled.plan!, compiled.model!));
  return 0;
}
