import { hasErrors } from '../../diagnostics/diagnostic.js';
import { buildSpec } from '../../pipeline/build.js';
import { summary } from '../../spec/render.js';
import type { Target } from '../../targets/target.js';
import { specFile } from '../commands/shared.js';
import { boundHeapGrowth } from '../heap-growth.js';
import type { Io } from '../io.js';
import { report } from '../report.js';

/** The spec's own problems and what any target would refuse to build (E3xx): `ok` means every target builds. */
export function validate(io: Io, file: string, targets?: readonly Target[]): number {
  // every target rendered in memory, as `build` would with its default output folder; only errors are kept (the warnings are build's)
  boundHeapGrowth(io.cwd, file);
  const built = buildSpec({ file: specFile(io, file), cwd: io.cwd, targets });
  const refusals = built.stage === 'spec' ? [] : built.rendered.diagnostics.filter((d) => d.severity === 'error');
  report(io, built.compiled, refusals, built.stage === 'spec' ? undefined : built.positions);
  const all = [...built.compiled.diagnostics, ...refusals];
  if (hasErrors(all) || built.stage === 'spec') {
    io.err(`${summary(all)}\n`);
    return 1;
  }
  const { model, plan } = built.compiled;
  io.out(`${built.compiled.file}: ok, ${model.services.length} services in ${plan.waves.length} waves (${summary(all)})\n`);
  return 0;
}
