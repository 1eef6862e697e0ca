import { compileFile } from '../../compile.js';
import { targetNames } from '../../model/types.js';
import { hasErrors } from '../../spec/diagnostic.js';
import { summary } from '../../spec/render.js';
import { specFile } from '../commands/shared.js';
import type { Io } from '../io.js';
import { report } from '../report.js';

export function validate(io: Io, file: string): number {
  const compiled = compileFile(specFile(io, file), targetNames);
  report(io, compiled);
  if (hasErrors(compiled.diagnostics)) {
    io.err(`${summary(compiled.diagnostics)}\n`);
    return 1;
  }
  const model = compiled.model!;
  io.out(`${compiled.file}: ok, ${model.services.length} services in ${compiled.plan!.waves.length} waves (${summary(compiled.diagnostics)})\n`);
  return 0;
}
