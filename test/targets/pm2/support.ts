import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv4 from 'ajv-draft-04';
import { vi } from 'vitest';
import { renderTargets } from '../../../src/pipeline/render.js';
import { compileText } from '../../../src/pipeline/compile.js';
import { fileText, planFiles } from '../../../src/output/plan.js';
import { writeOutput } from '../../../src/output/write.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { PROJECT_ROOT } from '../../support/tools.js';

export interface Built {
  /** Every file as the CLI writes it (header included), by path under the output folder. */
  files: Map<string, string>;
  diagnostics: Diagnostic[];
}

/** Compiles a spec for pm2 and renders it as `orchgen build` would: spec at SPEC, output in OUT. */
export function buildPm2(yaml: string, specFile = '/stack/orchgen.yaml', outDir = '/stack/out'): Built {
  const compiled = compileText(specFile, yaml, ['pm2']);
  if (!compiled.model || !compiled.plan) {
    throw new Error(`spec does not compile: ${compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  }
  const rendered = renderTargets({ model: compiled.model, plan: compiled.plan }, ['pm2'], { specFile, outDir });
  const files = new Map(planFiles(rendered.artifacts, specFile, outDir).map((file) => [file.path, fileText(file)]));
  return { files, diagnostics: [...compiled.diagnostics, ...rendered.diagnostics] };
}

/** Writes the spec into DIR and builds it into DIR/out; returns the ecosystem file's path. */
export function buildInto(dir: string, yaml: string, extraFiles: Record<string, string> = {}): { ecosystem: string; built: Built } {
  const specFile = path.join(dir, 'orchgen.yaml');
  mkdirSync(dir, { recursive: true });
  writeFileSync(specFile, yaml);
  for (const [name, content] of Object.entries(extraFiles)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return buildFile(specFile, path.join(dir, 'out'));
}

/** Builds a spec file into OUT as the CLI writes it; returns the ecosystem file's path. */
export function buildFile(specFile: string, outDir: string): { ecosystem: string; built: Built } {
  const built = buildPm2(readFileSync(specFile, 'utf8'), specFile, outDir);
  writeOutput(outDir, [...built.files].map(([file, content]) => ({ path: file, content })));
  return { ecosystem: path.join(outDir, 'pm2', 'ecosystem.config.cjs'), built };
}

export type App = Record<string, unknown> & { name: string; args: string[]; env: Record<string, string> };

/**
 * Loads an ecosystem file the way PM2 does (CommonJS require), fresh each time. The file loads only
 * while its secrets and required variables are set, as under `pm2 start`: each unset one gets a value
 * for the load.
 */
export function loadEcosystem(file: string): { apps: App[] } {
  const require = createRequire(import.meta.url);
  delete require.cache[require.resolve(file)];
  const text = readFileSync(file, 'utf8');
  const variables = [...text.matchAll(/secret\("([A-Za-z0-9_]+)"|required\("[^"]*", "([A-Za-z0-9_]+)"\)/g)].map((m) => (m[1] ?? m[2])!);
  for (const variable of new Set(variables)) if (process.env[variable] === undefined) vi.stubEnv(variable, `value-of-${variable}`);
  try {
    return require(file) as { apps: App[] };
  } finally {
    vi.unstubAllEnvs();
  }
}

const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/pm2-ecosystem.schema.json'), 'utf8')) as object;
const validate = new Ajv4.default({ strict: false, allErrors: true }).compile(schema);

/** Schema errors of a loaded ecosystem against SchemaStore's PM2 schema; [] when valid. */
export function schemaErrors(ecosystem: unknown): string[] {
  return validate(ecosystem) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** A YAML double-quoted scalar for any string: JSON's escapes are YAML's. */
export function q(text: string): string {
  return JSON.stringify(text);
}
