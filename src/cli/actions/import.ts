import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compileText } from '../../pipeline/compile.js';
import { importCompose } from '../../import/compose/index.js';
import { schemaRef, type ImportResult, type ImportTarget } from '../../import/output.js';
import { importProcfile } from '../../import/procfile/index.js';
import { formatWarning } from '../../import/warnings.js';
import { targetNames } from '../../targets/all.js';
import { writeAtomically } from '../../output/disk.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { readFailure } from '../../spec/read-failure.js';
import { summary } from '../../spec/render.js';
import type { ImportOptions } from '../commands/import.js';
import type { Io } from '../io.js';
import { report } from '../report.js';

type Importer = (io: Io, file: string, options: ImportOptions, target: ImportTarget) => ImportResult | string;

/** Compose reads the .env beside the Compose file (or the --env-file given), and lets the environment override it. */
const fromCompose: Importer = (io, file, options, target) => {
  const text = read(io, file);
  if (typeof text !== 'string') return text.error;
  const dotenvFile = options.envFile ?? join(dirname(file), '.env');
  const dotenv = options.envFile !== undefined || existsSync(resolve(io.cwd, dotenvFile)) ? read(io, dotenvFile) : undefined;
  if (dotenv !== undefined && typeof dotenv !== 'string') return dotenv.error;
  const variables = { environment: process.env, ...(dotenv !== undefined ? { dotenv: { file: dotenvFile, text: dotenv } } : {}) };
  const dir = dirname(resolve(io.cwd, file));
  const readBeside = (path: string) => {
    const beside = read(io, resolve(dir, path));
    return typeof beside === 'string' ? beside : undefined;
  };
  return importCompose({ file, text, dir, variables, readBeside }, target);
};

const fromProcfile: Importer = (io, file, options, target) => {
  const text = read(io, file);
  if (typeof text !== 'string') return text.error;
  const env = options.env === undefined ? undefined : read(io, options.env);
  if (env !== undefined && typeof env !== 'string') return env.error;
  const input = { file, text, dir: dirname(resolve(io.cwd, file)), ...(env !== undefined ? { env: { file: options.env!, text: env } } : {}) };
  return importProcfile(input, target);
};

const importers = { compose: fromCompose, procfile: fromProcfile } as const satisfies Record<string, Importer>;

export function importFrom(format: keyof typeof importers, io: Io, file: string, options: ImportOptions): number {
  return run(io, file, options, importers[format]);
}

/**
 * Imports, prints the warnings, validates the result with orchgen's own checks, and only then writes
 * it whole (or prints it). A result with spec errors is still written, so they can be fixed in place;
 * the exit code is then 1.
 */
function run(io: Io, file: string, options: ImportOptions, importer: Importer): number {
  const outPath = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  if (outPath !== undefined && existsSync(outPath) && !options.force) {
    io.err(`${options.out}: error: the file exists; pass --force to overwrite it\n`);
    return 1;
  }
  const outDir = outPath === undefined ? io.cwd : dirname(outPath);
  const target: ImportTarget = { outDir };
  const ref = schemaRef(outDir);
  if (ref !== undefined) target.schemaRef = ref;
  if (options.project !== undefined) target.project = options.project;
  const result = importer(io, file, options, target);
  if (typeof result === 'string' || result.text === undefined) {
    if (typeof result !== 'string') for (const w of result.warnings) io.err(`${formatWarning(w)}\n`);
    io.err(`${typeof result === 'string' ? result : result.error}\nnothing written\n`);
    return 1;
  }
  for (const warning of result.warnings) io.err(`${formatWarning(warning)}\n`);
  const shown = options.out ?? '<stdout>';
  const compiled = compileText(shown, result.text, targetNames);
  report(io, compiled);
  if (outPath === undefined) io.out(result.text);
  else writeAtomically(outPath, result.text);
  const services = compiled.model?.services.length ?? Object.keys((compiled.parsed?.data as { services?: object } | undefined)?.services ?? {}).length;
  const line = `${shown}: ${services} services imported from ${file} (${result.warnings.length} import warnings; the spec: ${summary(compiled.diagnostics)})\n`;
  if (outPath === undefined) io.err(line);
  else io.out(line);
  return hasErrors(compiled.diagnostics) ? 1 : 0;
}

function read(io: Io, file: string): string | { error: string } {
  try {
    return readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    return { error: `${file}: error: cannot read it: ${readFailure(error, file, io.cwd).reason}` };
  }
}
