import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { renderTargets } from '../../src/pipeline/render.js';
import { compileText } from '../../src/pipeline/compile.js';
import { importCompose } from '../../src/import/compose/index.js';
import type { ImportTarget } from '../../src/import/output.js';
import { formatWarning } from '../../src/import/warnings.js';
import { targetNames } from '../../src/targets/all.js';
import { renderDiagnostics } from '../../src/spec/render.js';
import { PROJECT_ROOT } from '../support/tools.js';

export const fixturesDir = join(PROJECT_ROOT, 'test/import/fixtures');

/** Imports Compose text as if the file were /stack/compose.yaml and the orchgen.yaml went beside it. */
export function importText(text: string, target: Partial<ImportTarget> = {}): { yaml: string; warnings: string[] } {
  const result = importCompose({ file: 'compose.yaml', text, dir: '/stack' }, { outDir: '/stack', schemaRef: 'orchgen.schema.json', ...target });
  if (result.text === undefined) throw new Error(result.error);
  return { yaml: result.text, warnings: result.warnings.map(formatWarning) };
}

/** The YAML of a Compose file from its lines. */
export function lines(...all: string[]): string {
  return `${all.join('\n')}\n`;
}

/** The first lines of every spec `importText` writes. */
export const draftHeader = lines(
  '# yaml-language-server: $schema=orchgen.schema.json',
  '# Imported from compose.yaml by `orchgen import compose`; the comments mark what needs a look.',
  '',
);

/** What orchgen's validator says about a generated spec, as the CLI prints it. */
export function specDiagnostics(yaml: string): string[] {
  const compiled = compileText('orchgen.yaml', yaml, targetNames);
  const text = renderDiagnostics(compiled.diagnostics, { file: 'orchgen.yaml', color: false, ...(compiled.parsed ? { positions: compiled.parsed.positions } : {}) });
  return text.split('\n').filter(Boolean);
}

/** A value for every key the stack requires and every variable a secret is read from, so that `config` can fill them in. */
export function requiredVars(yaml: string): Record<string, string> {
  const model = compileText('orchgen.yaml', yaml, ['compose']).model!;
  return Object.fromEntries(model.services.flatMap((s) => [...s.envRequired, ...s.secrets.map((secret) => secret.from)]).map((key) => [key, `value of ${key}`]));
}

/** Builds the spec for the compose target into `outDir`; returns the folder of compose.yaml. */
export async function buildCompose(yaml: string, specFile: string, outDir: string): Promise<string> {
  const compiled = compileText(specFile, yaml, ['compose']);
  if (!compiled.model || !compiled.plan) throw new Error(`the imported spec does not compile:\n${specDiagnostics(yaml).join('\n')}`);
  const { artifacts } = renderTargets({ model: compiled.model, plan: compiled.plan }, ['compose'], { specFile, outDir });
  for (const artifact of artifacts) {
    await mkdir(dirname(join(outDir, artifact.path)), { recursive: true });
    await writeFile(join(outDir, artifact.path), artifact.content);
  }
  return join(outDir, 'compose');
}

/** `docker-compose -f FILE config` (Compose v1) with only the given variables set, parsed. */
export function composeConfig(dir: string, file: string, vars: Record<string, string>): Promise<ComposeConfig> {
  return configOf(['docker-compose'], dir, file, vars);
}

/** `docker compose -f FILE config` (Compose v2) with only the given variables set (and the .env beside FILE), parsed. */
export function composeV2Config(dir: string, file: string, vars: Record<string, string>): Promise<ComposeConfig> {
  return configOf(['docker', 'compose'], dir, file, vars);
}

async function configOf(cli: string[], dir: string, file: string, vars: Record<string, string>): Promise<ComposeConfig> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...vars };
  const r = await execa(cli[0]!, [...cli.slice(1), '-f', file, 'config'], { cwd: dir, env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 60_000 });
  if (r.exitCode !== 0) throw new Error(`${cli.join(' ')} config failed in ${dir}:\n${r.stderr}`);
  return parse(String(r.stdout)) as ComposeConfig;
}

export interface ComposeConfig {
  services: Record<string, Record<string, unknown>>;
  volumes?: Record<string, { name?: string; external?: boolean } | null>;
  secrets?: Record<string, { file?: string } | null>;
}

/** Splits a command string the way Compose v1 does: Python's shlex.split. */
export async function shlexSplit(text: string): Promise<string[]> {
  const r = await execa('python3', ['-c', 'import json,shlex,sys; print(json.dumps(shlex.split(sys.argv[1])))', text]);
  return JSON.parse(String(r.stdout)) as string[];
}
