import { renderTargets, type TargetArtifact } from '../../src/pipeline/render.js';
import { compileText } from '../../src/pipeline/compile.js';
import { type TargetName } from '../../src/model/types.js';
import { targetNames } from '../../src/targets/all.js';
import type { GeneratedSpec } from './arbitraries.js';
import { describeDiagnostics, renderOptions } from './support.js';

/** A generated service as the spec writes it. */
export type Svc = {
  image?: string;
  command?: string | string[];
  env?: Record<string, unknown>;
  description?: string;
  depends_on?: string[] | Record<string, unknown>;
};

export interface Rendered {
  generated: GeneratedSpec;
  artifacts: TargetArtifact[];
  /** Targets that refused a value (E301): their artifacts are not checked. */
  refused: Set<TargetName>;
}

/** The artifacts of every target (or of `only`) for a generated spec, rendered one target at a time so that a refusal stays with its target. */
export function render(generated: GeneratedSpec, only: readonly TargetName[] = targetNames): Rendered {
  const compiled = compileText('orchgen.yaml', generated.text, targetNames);
  if (!compiled.model) throw new Error(`generated spec rejected:\n${describeDiagnostics(compiled)}\n${generated.text}`);
  const artifacts: TargetArtifact[] = [];
  const refused = new Set<TargetName>();
  for (const target of only) {
    const one = renderTargets({ model: compiled.model, plan: compiled.plan! }, [target], renderOptions);
    artifacts.push(...one.artifacts);
    if (one.diagnostics.some((d) => d.code === 'E301')) refused.add(target);
  }
  return { generated, artifacts, refused };
}

export const servicesOf = (g: GeneratedSpec) => Object.entries(g.data.services as Record<string, Svc>);
export const project = (g: GeneratedSpec) => g.data.project as string;
export const expectedEnv = (s: Svc) => Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, String(v)]));
export const argvOf = (command: string | string[]) => (typeof command === 'string' ? ['/bin/sh', '-c', command] : command);
export const artifact = (r: Rendered, p: string) => r.artifacts.find((a) => a.path === p);

/** The same spec with every free-text value replaced by a plain word: what the structure should be. */
export function benignTwin(g: GeneratedSpec): GeneratedSpec {
  const data = structuredClone(g.data);
  let n = 0;
  for (const s of Object.values(data.services as Record<string, Svc>)) {
    if (s.description !== undefined) s.description = 'd';
    if (s.env) s.env = Object.fromEntries(Object.keys(s.env).map((k) => [k, `v${n++}`]));
    if (typeof s.command === 'string') s.command = 'true';
    else if (s.command) s.command = s.command.map((_, i) => (i === 0 ? '/bin/prog' : `a${n++}`));
  }
  return { data, text: JSON.stringify(data) };
}

/**
 * The same spec under a project and service names no other sample uses, so that many samples' units
 * can be installed side by side and many compose files merged into one project.
 */
export function renamedApart(g: GeneratedSpec, tag: string): GeneratedSpec {
  const data = structuredClone(g.data);
  const rename = (name: string) => serviceRenamed(name, tag);
  const services: Record<string, Svc> = {};
  for (const [name, s] of Object.entries(data.services as Record<string, Svc>)) {
    if (Array.isArray(s.depends_on)) s.depends_on = s.depends_on.map(rename);
    else if (s.depends_on) s.depends_on = Object.fromEntries(Object.entries(s.depends_on).map(([dep, v]) => [rename(dep), v]));
    services[rename(name)] = s;
  }
  data.project = `f${tag}-${data.project as string}`;
  data.services = services;
  return { data, text: JSON.stringify(data) };
}

/** A service's name after renamedApart(…, tag). */
export const serviceRenamed = (name: string, tag: string) => `s${tag}-${name}`;
