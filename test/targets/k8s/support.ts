import { readdirSync, readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import { renderTargets } from '../../../src/pipeline/render.js';
import { compileText } from '../../../src/pipeline/compile.js';
import { type Model } from '../../../src/model/types.js';
import { targetNames } from '../../../src/targets/all.js';
import { fileText, planFiles } from '../../../src/output/plan.js';
import { writeOutput } from '../../../src/output/write.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { PROJECT_ROOT, type ToolCheck } from '../../support/tools.js';

export const fixturesDir = join(PROJECT_ROOT, 'test/targets/k8s/fixtures');
export const examplesDir = join(PROJECT_ROOT, 'examples');

export const readFixture = (name: string) => readFileSync(join(fixturesDir, name), 'utf8');

/** The examples that have a spec. */
export function examples(): string[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(join(examplesDir, entry.name)).includes('orchgen.yaml'))
    .map((entry) => entry.name)
    .sort();
}

export const readExample = (name: string) => readFileSync(join(examplesDir, name, 'orchgen.yaml'), 'utf8');

export interface Built {
  model: Model;
  /** Planned files (header included) by path under the output folder, e.g. `k8s/base/web.yaml`. */
  files: Map<string, string>;
  diagnostics: Diagnostic[];
}

/** Compile a spec for every target, as `orchgen build` does, and plan the files of k8s. */
export function build(yamlText: string, outDir = '/stack/out', specFile = '/stack/orchgen.yaml'): Built {
  const compiled = compileText('orchgen.yaml', yamlText, targetNames);
  if (!compiled.model || !compiled.plan) throw new Error(`spec does not compile: ${JSON.stringify(compiled.diagnostics)}`);
  const { artifacts, diagnostics } = renderTargets({ model: compiled.model, plan: compiled.plan }, ['k8s'], { specFile, outDir });
  const files = planFiles(artifacts, specFile, outDir);
  return { model: compiled.model, files: new Map(files.map((f) => [f.path, fileText(f)])), diagnostics };
}

/** Like build, and writes the files into `outDir` through the output layer. */
export function buildInto(yamlText: string, outDir: string): Built {
  const built = build(yamlText, outDir, join(outDir, 'orchgen.yaml'));
  writeOutput(outDir, [...built.files].map(([path, content]) => ({ path, content })));
  return built;
}

/** Every YAML document of a text, as plain data; a YAML error or warning fails. */
export function documents(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0 || doc.warnings.length > 0) throw new Error([...doc.errors, ...doc.warnings].map((e) => e.message).join('\n'));
    return doc.toJS();
  });
}

/** The overlays' folders under a k8s folder's paths, e.g. `fallbacks/web-small`. */
export function overlayDirs(paths: Iterable<string>): string[] {
  return [...paths].flatMap((p) => {
    const match = /^k8s\/(fallbacks\/[^/]+)\/kustomization\.yaml$/.exec(p);
    return match ? [match[1]!] : [];
  });
}

/** kubectl, which builds kustomizations offline. */
export async function hasKubectl(): Promise<ToolCheck> {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    try {
      await access(join(dir, 'kubectl'), fsConstants.X_OK);
    } catch {
      continue;
    }
    const r = await execa('kubectl', ['version', '--client'], { reject: false, stdin: 'ignore', timeout: 20_000 });
    return r.exitCode === 0 ? { ok: true, reason: String(r.stdout).split('\n')[0] ?? 'kubectl' } : { ok: false, reason: `kubectl version --client failed: ${String(r.stderr).trim()}` };
  }
  return { ok: false, reason: 'kubectl not installed (https://kubernetes.io/docs/tasks/tools/)' };
}

/** `kubectl kustomize DIR`: the built objects, or the error. */
export async function kustomize(dir: string): Promise<{ ok: boolean; objects: unknown[]; stderr: string }> {
  const r = await execa('kubectl', ['kustomize', dir], { reject: false, stdin: 'ignore', timeout: 60_000 });
  if (r.exitCode !== 0) return { ok: false, objects: [], stderr: String(r.stderr) };
  return { ok: true, objects: documents(String(r.stdout)), stderr: String(r.stderr) };
}
