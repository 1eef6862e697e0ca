import type { Compiled } from './compile.js';
import type { TargetName } from './model/types.js';
import type { Diagnostic } from './spec/diagnostic.js';
import { targets } from './targets/all.js';
import type { Artifact, Target } from './targets/target.js';

export interface TargetArtifact extends Artifact {
  target: TargetName;
}

/** Renders the selected targets of a compiled spec; pure: nothing is written. */
export function renderTargets(compiled: Required<Pick<Compiled, 'model' | 'plan'>>, selected: readonly TargetName[]): { artifacts: TargetArtifact[]; diagnostics: Diagnostic[] } {
  const artifacts: TargetArtifact[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const target of targets as readonly Target[]) {
    if (!selected.includes(target.name)) continue;
    const services = compiled.model.services.filter((s) => s.targets.includes(target.name));
    const output = target.render({ model: compiled.model, plan: compiled.plan, services });
    artifacts.push(...output.artifacts.map((a) => ({ ...a, target: target.name, path: `${target.name}/${a.path}` })));
    diagnostics.push(...output.diagnostics);
  }
  return { artifacts, diagnostics };
}
