import type { Rendered } from '../pipeline/render.js';
import type { TargetName } from '../model/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** W103: a setting a target cannot express natively. A build lists them only with --verbose. */
const gapCode = 'W103';

/** The diagnostics a build prints in full: all with --verbose, else all but the per-setting gaps. */
export function shownInFull(diagnostics: readonly Diagnostic[], verbose: boolean): Diagnostic[] {
  return verbose ? [...diagnostics] : diagnostics.filter((d) => d.code !== gapCode);
}

/** One line per target for the gaps left out of the full listing. */
export function gapSummary(file: string, rendered: Pick<Rendered, 'diagnostics' | 'targetOf'>): string {
  const counts = new Map<TargetName, number>();
  for (const d of rendered.diagnostics) {
    const target = rendered.targetOf.get(d);
    if (d.code === gapCode && target !== undefined) counts.set(target, (counts.get(target) ?? 0) + 1);
  }
  const plural = (n: number) => (n === 1 ? '1 setting' : `${n} settings`);
  return [...counts]
    .map(([target, n]) => `${file}: warning[${gapCode}]: ${target} cannot express ${plural(n)} natively (run with --verbose for the list)\n`)
    .join('');
}
