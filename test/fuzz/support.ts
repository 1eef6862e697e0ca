import { renderTargets, type TargetArtifact } from '../../src/pipeline/render.js';
import type { Compiled } from '../../src/pipeline/compile.js';
import { targetNames } from '../../src/targets/all.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { locateAll } from '../../src/spec/render.js';

export const renderOptions = { specFile: '/srv/spec/orchgen.yaml', outDir: '/srv/spec/out' };

/** Every target's artifacts and diagnostics; throws what the renderers throw. */
export function renderAll(compiled: Compiled): { artifacts: TargetArtifact[]; diagnostics: Diagnostic[] } {
  if (!compiled.model || !compiled.plan) throw new Error('no model');
  return renderTargets({ model: compiled.model, plan: compiled.plan }, targetNames, renderOptions);
}

export function located(compiled: Compiled) {
  return locateAll(compiled.diagnostics, { file: 'orchgen.yaml', ...(compiled.parsed ? { positions: compiled.parsed.positions } : {}) });
}

export function describeDiagnostics(compiled: Compiled): string {
  return located(compiled)
    .map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`)
    .join('\n');
}
