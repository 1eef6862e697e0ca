import { dirname, join, resolve } from 'node:path';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { TargetName } from '../model/types.js';
import { planFiles, type PlannedFile } from '../output/plan.js';
import type { Locator } from '../spec/lazy-positions.js';
import { targets as registered } from '../targets/all.js';
import type { Target } from '../targets/target.js';
import { compileFile, type CompiledFailed, type CompiledOk } from './compile.js';
import { renderTargets, type Rendered } from './render.js';

export interface BuildRequest {
  /** The spec, as printed in diagnostics (relative to where orchgen runs, or absolute). */
  file: string;
  /** Where orchgen runs: relative paths are resolved from it. */
  cwd: string;
  /** The output folder as given; default: out/ beside the spec. */
  out?: string;
  /** The targets to build; default: every registered one. */
  selected?: readonly TargetName[];
  /** The registry; default: the targets orchgen ships (`src/targets/all.ts`). */
  targets?: readonly Target[];
}

interface Where {
  /** The output folder as given or defaulted, for messages. */
  outDir: string;
  /** The same, absolute. */
  outPath: string;
}

/** The spec has errors: nothing was rendered. */
export interface SpecFailed extends Where {
  ok: false;
  stage: 'spec';
  compiled: CompiledFailed;
}

/** The spec compiled but a target refused it. */
export interface TargetsFailed extends Where {
  ok: false;
  stage: 'targets';
  compiled: CompiledOk;
  rendered: Rendered;
  /** Where the spec's paths are (the parsed document itself is dropped before rendering). */
  positions?: Locator;
}

/** Every selected target rendered: the exact files the build owns. */
export interface Built extends Where {
  ok: true;
  stage: 'built';
  compiled: CompiledOk;
  rendered: Rendered;
  positions?: Locator;
  files: PlannedFile[];
}

export type BuildResult = Built | SpecFailed | TargetsFailed;

/** The default output folder: out/ beside the spec. */
export function outDirOf(file: string, out?: string): string {
  return out ?? join(dirname(file), 'out');
}

/** compile → render → plan; pure: reads the spec, writes nothing. */
export function buildSpec(request: BuildRequest): BuildResult {
  const targets = request.targets ?? registered;
  const selected = request.selected ?? targets.map((t) => t.name);
  const outDir = outDirOf(request.file, request.out);
  const where: Where = { outDir, outPath: resolve(request.cwd, outDir) };
  const compiled = compileFile(request.file, selected, targets);
  if (!compiled.ok) return { ok: false, stage: 'spec', compiled, ...where };
  const positions = compiled.parsed?.positions.detached();
  // where the spec's paths are, kept so that the parsed document (many times larger) can be dropped before rendering
  delete compiled.parsed;
  const specPath = resolve(request.cwd, request.file);
  const rendered = renderTargets(compiled, selected, { specFile: specPath, outDir: where.outPath }, targets);
  const located = positions ? { positions } : {};
  if (hasErrors([...compiled.diagnostics, ...rendered.diagnostics])) return { ok: false, stage: 'targets', compiled, rendered, ...located, ...where };
  return { ok: true, stage: 'built', compiled, rendered, ...located, files: planFiles(rendered.artifacts, specPath, where.outPath), ...where };
}
