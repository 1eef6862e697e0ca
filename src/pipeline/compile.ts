import { readFileSync } from 'node:fs';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { dependencyGraph } from '../graph/dependency-graph.js';
import { startupPlan, type StartupPlan } from '../graph/plan.js';
import { buildModel } from '../model/normalize.js';
import type { Model, TargetName } from '../model/types.js';
import { parseSpecText, type ParsedSpec } from '../spec/load.js';
import { readFailure } from '../spec/read-failure.js';
import type { OrchgenSpec } from '../spec/raw.js';
import { validateSpec } from '../spec/validate.js';
import { targets as registered } from '../targets/all.js';
import type { Target } from '../targets/target.js';

interface CompiledBase {
  file: string;
  /** The parsed document, for locating diagnostics; dropped by a build before rendering (it is large). */
  parsed?: ParsedSpec;
  diagnostics: Diagnostic[];
}

/** A spec without errors: its model and startup plan (`diagnostics` holds its warnings). */
export interface CompiledOk extends CompiledBase {
  ok: true;
  model: Model;
  plan: StartupPlan;
}

/** A spec with at least one error: nothing to render. */
export interface CompiledFailed extends CompiledBase {
  ok: false;
  model?: undefined;
  plan?: undefined;
}

export type Compiled = CompiledOk | CompiledFailed;

/** Parse, validate and normalize for the `selected` targets among `targets` (the registry by default). */
export function compileText(file: string, text: string, selected: readonly TargetName[], targets: readonly Target[] = registered): Compiled {
  const { spec: parsed, diagnostics } = parseSpecText(file, text);
  if (!parsed) return { ok: false, file, diagnostics };
  const all = [...diagnostics, ...validateSpec(parsed.data, { targets: selected, runners: targets })];
  if (hasErrors(all)) return { ok: false, file, parsed, diagnostics: all };
  const model = buildModel(file, parsed.data as OrchgenSpec, selected, targets);
  return { ok: true, file, parsed, model, plan: planOf(model), diagnostics: all };
}

export function compileFile(file: string, selected: readonly TargetName[], targets: readonly Target[] = registered): Compiled {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const { reason, hint } = readFailure(error, file);
    return { ok: false, file, diagnostics: [diagnostic('E002', `cannot read the spec: ${reason}`, { position: { line: 1, col: 1 }, ...(hint ? { hint } : {}) })] };
  }
  return compileText(file, text, selected, targets);
}

export function planOf(model: Model): StartupPlan {
  const graph = dependencyGraph(model.services);
  return startupPlan(graph, model.services.map((s) => s.name));
}
