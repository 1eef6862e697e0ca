import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { StartupPlan } from '../../graph/plan.js';
import type { Model } from '../../model/types.js';
import { checkOutput, hasDrift } from '../../output/check.js';
import { OutputStateError } from '../../output/errors.js';
import type { PlannedFile } from '../../output/plan.js';
import { writeOutput } from '../../output/write.js';
import { buildSpec, outDirOf } from '../../pipeline/build.js';
import { compileFile, type Compiled } from '../../pipeline/compile.js';
import type { Driver, RuntimeContext } from '../../runtime/driver.js';
import { summary } from '../../spec/render.js';
import { loadDriver as driverOf } from '../../targets/all.js';
import type { Io } from '../io.js';
import { report, reportBuild } from '../report.js';
import { driverOptionsOf, foreignOptions, type BuildFlags, type RuntimeFlags } from '../commands/runtime-options.js';
import { specFile } from '../commands/shared.js';
import { unknownService } from '../service-name.js';

export interface Runtime {
  context: RuntimeContext;
  plan: StartupPlan;
  driver: Driver;
  specDir: string;
}

interface ForRuntime {
  compiled: Compiled;
  model: Model;
  plan: StartupPlan;
  outDir: string;
  specDir: string;
  cwd: string;
}

/**
 * For `up` and `preflight`: compiles the spec, brings the target's files in out/ up to date (or,
 * with --no-build, refuses when they are stale), and loads the driver. Other targets' files are
 * left alone. Warnings are printed when this build changed files: otherwise the build that wrote
 * them printed them.
 */
export async function setupRuntime(io: Io, flags: RuntimeFlags & BuildFlags): Promise<Runtime | number> {
  if (refusedOptions(io, flags)) return 1;
  const built = buildSpec({ file: specFile(io, flags.file), cwd: io.cwd, out: flags.out, selected: [flags.target] });
  if (built.stage === 'spec') return specErrors(io, built.compiled);
  const printWarnings = () => reportBuild(io, built.compiled, built.rendered, flags.verbose ?? false, built.positions);
  if (!built.ok) {
    printWarnings();
    return 1;
  }
  try {
    const wrote = bringUpToDate(io, flags, built.outPath, built.files);
    if (wrote === undefined) return 1;
    if (wrote) printWarnings();
  } catch (error) {
    if (!(error instanceof OutputStateError)) throw error;
    io.err(`${relative(io.cwd, join(built.outPath, error.file))}: error: ${error.message}\n`);
    return 1;
  }
  const { model, plan } = built.compiled;
  return loadDriver(flags, { compiled: built.compiled, model, plan, outDir: built.outPath, specDir: dirname(resolve(io.cwd, built.compiled.file)), cwd: io.cwd });
}

/** Whether an option of another target was given, after saying so. */
function refusedOptions(io: Io, flags: RuntimeFlags): boolean {
  const foreign = foreignOptions(flags);
  if (foreign.length === 0) return false;
  io.err(foreign.join(''));
  return true;
}

/** 1, after printing the spec's errors (its warnings are the build's to print). */
function specErrors(io: Io, compiled: Compiled): number {
  report(io, { ...compiled, diagnostics: compiled.diagnostics.filter((d) => d.severity === 'error') });
  io.err(`${summary(compiled.diagnostics)}\n`);
  return 1;
}

/** Whether files were written or removed; undefined (after saying why) when --no-build finds them stale. */
function bringUpToDate(io: Io, flags: RuntimeFlags & BuildFlags, outDir: string, files: readonly PlannedFile[]): boolean | undefined {
  if (flags.build) {
    const written = writeOutput(outDir, files, [flags.target]);
    return written.written.length + written.removed.length > 0;
  }
  if (!hasDrift(checkOutput(outDir, files, [flags.target]))) return false;
  io.err(`${relative(io.cwd, join(outDir, flags.target))} is out of date: run \`orchgen build -t ${flags.target}\` first (or drop --no-build)\n`);
  return undefined;
}

/**
 * For `status`, `logs` and `down`: compiles the spec and loads the driver on the target's files as
 * they are in out/; nothing is written or compared, and only errors are printed. `serviceNames`:
 * the services the command was given, each refused (with the nearest name) unless it is one.
 */
export async function attachRuntime(io: Io, flags: RuntimeFlags, serviceNames: readonly string[] = []): Promise<Runtime | number> {
  if (refusedOptions(io, flags)) return 1;
  const ready = compileForRuntime(io, flags);
  if (typeof ready === 'number') return ready;
  const unknown = serviceNames.flatMap((name) => unknownService(ready.model, flags.target, name, ready.compiled.file) ?? []);
  if (unknown.length > 0) {
    io.err(unknown.join(''));
    return 1;
  }
  const artifacts = join(ready.outDir, flags.target);
  if (!existsSync(artifacts)) {
    io.err(`${relative(io.cwd, artifacts) || artifacts} does not exist: nothing was built for ${flags.target} there (run \`orchgen up -t ${flags.target}\`, or give -o)\n`);
    return 1;
  }
  return loadDriver(flags, ready);
}

/** The model and plan, or 1 after printing the spec's errors. */
function compileForRuntime(io: Io, flags: RuntimeFlags): ForRuntime | number {
  const file = specFile(io, flags.file);
  const compiled = compileFile(file, [flags.target]);
  if (!compiled.ok) return specErrors(io, compiled);
  const outDir = resolve(io.cwd, outDirOf(file, flags.out));
  return { compiled, model: compiled.model, plan: compiled.plan, outDir, specDir: dirname(resolve(io.cwd, file)), cwd: io.cwd };
}

async function loadDriver(flags: RuntimeFlags & Partial<BuildFlags>, ready: ForRuntime): Promise<Runtime> {
  const context: RuntimeContext = {
    model: ready.model,
    artifactsDir: join(ready.outDir, flags.target),
    stateDir: resolve(ready.cwd, flags.stateDir ?? join(ready.specDir, '.orchgen', flags.target)),
    env: { ...process.env },
    options: driverOptionsOf(flags),
  };
  const driver = (await driverOf(flags.target))(context);
  return { context, plan: ready.plan, driver, specDir: ready.specDir };
}

