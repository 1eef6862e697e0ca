import { dirname, join, relative, resolve } from 'node:path';
import { renderTargets } from '../../build.js';
import { compileFile } from '../../compile.js';
import type { StartupPlan } from '../../graph/plan.js';
import { checkOutput, hasDrift } from '../../output/check.js';
import { OutputStateError } from '../../output/errors.js';
import { planFiles } from '../../output/plan.js';
import { writeOutput } from '../../output/write.js';
import type { Driver, RuntimeContext } from '../../runtime/driver.js';
import { driverLoaders } from '../../runtime/drivers.js';
import { hasErrors } from '../../spec/diagnostic.js';
import { summary } from '../../spec/render.js';
import type { Io } from '../io.js';
import { report } from '../report.js';
import type { RuntimeFlags } from '../commands/runtime-options.js';
import { specFile } from '../commands/shared.js';

export interface Runtime {
  context: RuntimeContext;
  plan: StartupPlan;
  driver: Driver;
  specDir: string;
}

/** Compiles the spec, brings out/ up to date (or refuses when stale), and loads the driver. */
export async function setupRuntime(io: Io, flags: RuntimeFlags): Promise<Runtime | number> {
  const file = specFile(io, flags.file);
  const compiled = compileFile(file, [flags.target]);
  if (!compiled.model || !compiled.plan) {
    report(io, compiled);
    io.err(`${summary(compiled.diagnostics)}\n`);
    return 1;
  }
  const specDir = dirname(resolve(io.cwd, file));
  const outDir = resolve(io.cwd, flags.out ?? join(dirname(file), 'out'));
  const rendered = renderTargets({ model: compiled.model, plan: compiled.plan }, [flags.target], { specFile: resolve(io.cwd, file), outDir });
  report(io, compiled, rendered.diagnostics);
  if (hasErrors(rendered.diagnostics)) return 1;
  const files = planFiles(rendered.artifacts, resolve(io.cwd, file), outDir);
  try {
    if (flags.build) writeOutput(outDir, files);
    else if (hasDrift(checkOutput(outDir, files))) {
      io.err(`${outDir} is out of date for ${flags.target}: run \`orchgen build\` first (or drop --no-build)\n`);
      return 1;
    }
  } catch (error) {
    if (!(error instanceof OutputStateError)) throw error;
    io.err(`${relative(io.cwd, join(outDir, error.file))}: error: ${error.message}\n`);
    return 1;
  }
  const context: RuntimeContext = {
    model: compiled.model,
    artifactsDir: join(outDir, flags.target),
    stateDir: resolve(io.cwd, flags.stateDir ?? join(specDir, '.orchgen', flags.target)),
    env: { ...process.env },
    options: driverOptions(flags),
  };
  const driver = (await driverLoaders[flags.target]())(context);
  return { context, plan: compiled.plan, driver, specDir };
}

function driverOptions(flags: RuntimeFlags): RuntimeContext['options'] {
  const options: RuntimeContext['options'] = {};
  if (flags.unitDir) options.unitDir = flags.unitDir;
  if (flags.systemctl) options.systemctl = flags.systemctl.split(' ').filter(Boolean);
  if (flags.user) options.user = true;
  if (flags.host) options.host = flags.host;
  if (flags.supervisorConf) options.supervisorConf = flags.supervisorConf;
  if (flags.pm2) options.pm2 = flags.pm2;
  if (flags.secretsDir) options.secretsDir = flags.secretsDir;
  return options;
}
