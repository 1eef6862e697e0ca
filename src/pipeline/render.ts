import { dirname, join, relative, sep } from 'node:path';
import type { CompiledOk } from './compile.js';
import type { TargetName } from '../model/types.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { runnableTargets } from '../spec/placement.js';
import { modelForTarget } from '../model/supervised-monitor.js';
import { monitorServiceName } from '../spec/monitor-service-name.js';
import type { Service } from '../model/types.js';
import { targets as registered } from '../targets/all.js';
import type { Artifact, Target } from '../targets/target.js';
import { flatText } from '../targets/shared/flat-text.js';

export interface TargetArtifact extends Artifact {
  target: TargetName;
}

export interface RenderOptions {
  /** The spec file and the output folder, to relate paths in the spec to the artifacts. */
  specFile: string;
  outDir: string;
}

export interface Rendered {
  artifacts: TargetArtifact[];
  diagnostics: Diagnostic[];
  /** The target whose rendering raised each diagnostic (the spec-wide ones are not in it). */
  targetOf: Map<Diagnostic, TargetName>;
}

/** Renders the selected targets of a compiled spec; pure: nothing is written. */
export function renderTargets(
  compiled: Pick<CompiledOk, 'model' | 'plan'>,
  selected: readonly TargetName[],
  options: RenderOptions,
  targets: readonly Target[] = registered,
): Rendered {
  const artifacts: TargetArtifact[] = [];
  const diagnostics: Diagnostic[] = [];
  const targetOf = new Map<Diagnostic, TargetName>();
  for (const target of targets) {
    if (!selected.includes(target.name)) continue;
    const model = modelForTarget(compiled.model, target.name);
    const services = model.services.filter((s) => s.targets.includes(target.name));
    for (const d of leftOut(model.services, target)) diagnostics.push(d);
    if (services.length === 0) continue;
    const sourceDir = relative(join(options.outDir, target.name), dirname(options.specFile)).split(sep).join('/') || '.';
    const output = target.render({ model, plan: compiled.plan, services, sourceDir });
    // loops, not push(...): a large spec yields more items than a call can take as arguments
    for (const a of output.artifacts) artifacts.push({ ...a, content: flatText(a.content), target: target.name, path: `${target.name}/${a.path}` });
    for (const d of output.diagnostics) {
      diagnostics.push(d);
      targetOf.set(d, target.name);
    }
  }
  return { artifacts, diagnostics, targetOf };
}

/** Names shown in a warning before the rest are counted: every service without an image is left out for one cause. */
const namesShown = 8;

function someOf(names: readonly string[]): string {
  if (names.length <= namesShown + 1) return names.join(', ');
  return `${names.slice(0, namesShown).join(', ')} and ${names.length - namesShown} more`;
}

/** One warning per target for the services it cannot run (a target a service chose not to go to is not warned about). */
function leftOut(all: readonly Service[], runner: Target): Diagnostic[] {
  const target = runner.name;
  // the supervised monitor runs on the host beside a stack of containers: not a service left out
  const services = all.filter((s) => s.name !== monitorServiceName);
  const names = services.filter((s) => !runnableTargets(s, [runner]).includes(target)).map((s) => s.name);
  if (names.length === 0) return [];
  const every = names.length === services.length;
  const what = every ? 'every service' : `${names.length} of ${services.length} services`;
  return [
    diagnostic('W102', `${target} cannot run ${what} (no \`image\`), left out: ${someOf(names)}${every ? `; nothing is written for ${target}` : ''}`, {
      path: ['services'],
      atKey: true,
    }),
  ];
}
