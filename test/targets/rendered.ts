import { renderTargets } from '../../src/pipeline/render.js';
import { compileText } from '../../src/pipeline/compile.js';
import type { TargetName } from '../../src/model/types.js';
import { targetNames } from '../../src/targets/all.js';
import { fileText, planFiles } from '../../src/output/plan.js';

/**
 * A spec compiled and rendered for `targets` as /stack/orchgen.yaml into /stack/out: each file's
 * lines as a target renders it (`file`) and as `orchgen build` writes it, header included
 * (`written`), and the targets' diagnostics.
 */
export function rendered(text: string, targets: readonly TargetName[] = targetNames) {
  const compiled = compileText('orchgen.yaml', text, targets);
  if (!compiled.model || !compiled.plan) throw new Error(`spec does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const { artifacts, diagnostics } = renderTargets({ model: compiled.model, plan: compiled.plan }, targets, { specFile: '/stack/orchgen.yaml', outDir: '/stack/out' });
  const planned = planFiles(artifacts, '/stack/orchgen.yaml', '/stack/out');
  const file = (path: string) => artifacts.find((a) => a.path === path)?.content.split('\n');
  const written = (path: string) => {
    const found = planned.find((f) => f.path === path);
    return found && fileText(found).split('\n');
  };
  return { file, written, diagnostics };
}
