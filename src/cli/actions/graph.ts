import { compileFile } from '../../pipeline/compile.js';
import { graphFormats, type GraphFormat } from '../../diagram/all.js';
import { targets as registered } from '../../targets/all.js';
import type { Target } from '../../targets/target.js';
import { summary } from '../../spec/render.js';
import { specFile } from '../commands/shared.js';
import type { Io } from '../io.js';
import { report } from '../report.js';

export function graph(io: Io, file: string, format: GraphFormat, targets: readonly Target[] = registered): number {
  const compiled = compileFile(specFile(io, file), targets.map((t) => t.name), targets);
  report(io, compiled);
  if (!compiled.ok) {
    io.err(`${summary(compiled.diagnostics)}\n`);
    return 1;
  }
  io.out(graphFormats[format](compiled.plan, compiled.model));
  return 0;
}
