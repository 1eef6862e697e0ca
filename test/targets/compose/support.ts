import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { renderTargets } from '../../../src/pipeline/render.js';
import { compileText } from '../../../src/pipeline/compile.js';
import type { StartupPlan } from '../../../src/graph/plan.js';
import type { Model } from '../../../src/model/types.js';
import { fileText, planFiles, type PlannedFile } from '../../../src/output/plan.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { PROJECT_ROOT } from '../../support/tools.js';

export const fixturesDir = join(PROJECT_ROOT, 'test/targets/compose/fixtures');
export const examplesDir = join(PROJECT_ROOT, 'examples');

export interface Built {
  model: Model;
  plan: StartupPlan;
  specFile: string;
  outDir: string;
  /** Planned files (header included) by path under the output folder, e.g. `compose/compose.yaml`. */
  files: Map<string, string>;
  diagnostics: Diagnostic[];
}

/** Compile a spec for the compose target and render it as `orchgen build` would, writing nothing. */
export function build(yamlText: string, specFile = '/stack/orchgen.yaml', outDir = '/stack/out'): Built {
  const compiled = compileText('orchgen.yaml', yamlText, ['compose']);
  if (!compiled.model || !compiled.plan) throw new Error(`spec does not compile: ${JSON.stringify(compiled.diagnostics)}`);
  const { artifacts, diagnostics } = renderTargets({ model: compiled.model, plan: compiled.plan }, ['compose'], { specFile, outDir });
  const files = new Map(planFiles(artifacts, specFile, outDir).map((f: PlannedFile) => [f.path, fileText(f)]));
  return { model: compiled.model, plan: compiled.plan, specFile, outDir, files, diagnostics };
}

/** Build a spec into `outDir` on disk; returns the compose folder. */
export async function buildTo(yamlText: string, specFile: string, outDir: string): Promise<Built & { composeDir: string }> {
  const built = build(yamlText, specFile, outDir);
  for (const [path, content] of built.files) {
    await mkdir(dirname(join(outDir, path)), { recursive: true });
    await writeFile(join(outDir, path), content);
  }
  return { ...built, composeDir: join(outDir, 'compose') };
}

export const readFixture = (name: string) => readFile(join(fixturesDir, name), 'utf8');

/** The files of the compose folder, relative to it: compose.yaml first, then the fallbacks. */
export function composeFiles(built: Built): string[] {
  return [...built.files.keys()].filter((p) => p.startsWith('compose/') && p.endsWith('.yaml')).map((p) => p.slice('compose/'.length));
}

let validator: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

/** Errors of the Compose Specification JSON Schema for a generated file (YAML tags are read as plain values). */
export async function schemaErrors(text: string): Promise<unknown[]> {
  if (!validator) {
    const schema = JSON.parse(await readFile(join(PROJECT_ROOT, 'test/fixtures/compose-spec.json'), 'utf8'));
    validator = new Ajv({ strict: false, validateSchema: false, allErrors: true }).compile(schema);
  }
  const doc = parseDocument(text, { version: '1.1' });
  if (doc.errors.length > 0) return doc.errors.map((e) => e.message);
  const ok = validator(doc.toJS());
  return ok ? [] : ((validator.errors as unknown[]) ?? []);
}

export { composeV1, composeV2, type ComposeCli } from '../../support/compose-cli.js';

/** A value for each `env_required` key and each variable a secret is read from, so that `config` can interpolate the file. */
export function requiredEnv(model: Model): Record<string, string> {
  const services = model.services.flatMap((s) => [s, ...s.fallbacks.map((f) => f.service)]);
  const variables = services.flatMap((s) => [...s.envRequired, ...s.secrets.map((secret) => secret.from)]);
  return Object.fromEntries(variables.map((k) => [k, `value-of-${k}`]));
}

/** True when a generated file says it needs Compose v2. */
export function needsV2(content: string): boolean {
  return /^# NOTE: needs Compose v2/m.test(content);
}

/**
 * compose.yaml of the stack as it runs under one fallback: the service replaced by the variant. The
 * merge of the base file and the override must give the same `config`.
 */
export function variantCompose(built: Built, service: string, fallback: string): string {
  const variant = built.model.services.find((s) => s.name === service)?.fallbacks.find((f) => f.name === fallback)?.service;
  if (!variant) throw new Error(`no fallback ${service}.${fallback}`);
  const model: Model = { ...built.model, services: built.model.services.map((s) => (s.name === service ? { ...variant, fallbacks: [] } : s)) };
  const { artifacts } = renderTargets({ model, plan: built.plan }, ['compose'], { specFile: built.specFile, outDir: built.outDir });
  const main = artifacts.find((a) => a.path === 'compose/compose.yaml');
  if (!main) throw new Error('no compose.yaml');
  return main.content;
}
