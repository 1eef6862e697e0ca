import { readFileSync } from 'node:fs';
import { dependencyGraph } from './graph/dependency-graph.js';
import { startupPlan, type StartupPlan } from './graph/plan.js';
import { buildModel } from './model/normalize.js';
import type { Model, TargetName } from './model/types.js';
import { diagnostic, hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { parseSpecText, type ParsedSpec } from './spec/load.js';
import { readFailure } from './spec/read-failure.js';
import type { OrchgenSpec } from './spec/raw.js';
import { validateSpec } from './spec/validate.js';

export interface Compiled {
  file: string;
  parsed?: ParsedSpec;
  model?: Model;
  plan?: StartupPlan;
  diagnostics: Diagnostic[];
}

/** Parse, validate and normalize; a model only when there is no error. */
export function compileText(file: string, text: string, targets: readonly TargetName[]): Compiled {
  const { spec: parsed, diagnostics } = parseSpecText(file, text);
  if (!parsed) return { file, diagnostics };
  const all = [...diagnostics, ...validateSpec(parsed.data, targets)];
  if (hasErrors(all)) return { file, parsed, diagnostics: all };
  const model = buildModel(file, parsed.data as OrchgenSpec, targets);
  return { file, parsed, model, plan: planOf(model), diagnostics: all };
}

export function compileFile(file: string, targets: readonly TargetName[]): Compiled {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const { reason, hint } = readFailure(error, file);
    return { file, diagnostics: [diagnostic('E002', `cannot read the spec: ${reason}`, { position: { line: 1, col: 1 }, ...(hint ? { hint } : {}) })] };
  }
  return compileText(file, text, targets);
}

export function planOf(model: Model): StartupPlan {
  const graph = dependencyGraph(model.services);
  return startupPlan(graph, model.services.map((s) => s.name));
}
