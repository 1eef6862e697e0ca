import { dirname, join, resolve } from 'node:path';
import { renderTargets } from '../../build.js';
import { compileFile, type Compiled } from '../../compile.js';
import { targetNames } from '../../model/types.js';
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { summary } from '../../spec/render.js';
import { specFile } from '../commands/shared.js';
import type { Io } from '../io.js';
import { report } from '../report.js';

/** The spec's own problems and what any target would refuse to build (E3xx): `ok` means every target builds. */
export function validate(io: Io, file: string): number {
  const compiled = compileFile(specFile(io, file), targetNames);
  const refusals = targetRefusals(io, compiled);
  report(io, compiled, refusals);
  const all = [...compiled.diagnostics, ...refusals];
  if (hasErrors(all)) {
    io.err(`${summary(all)}\n`);
    return 1;
  }
  const model = compiled.model!;
  io.out(`${compiled.file}: ok, ${model.services.length} services in ${compiled.plan!.waves.length} waves (${summary(all)})\n`);
  return 0;
}

/** Every target rendered in memory, as `build` would with its default output folder; only errors are kept (the warnings are build's). */
function targetRefusals(io: Io, compiled: Compiled): Diagnostic[] {
  if (!compiled.model || !compiled.plan) return [];
  const spec = resolve(io.cwd, compiled.file);
  const rendered = renderTargets({ model: compiled.model, plan: compiled.plan }, targetNames, { specFile: spec, outDir: join(dirname(spec), 'out') });
  return rendered.diagnostics.filter((d) => d.severity === 'error');
}
