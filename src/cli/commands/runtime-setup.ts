import { dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { renderTargets } from '../../build.js';
import { compileFile } from '../../compile.js';
import type { StartupPlan } from '../../graph/plan.js';
import { checkOutput, hasDrift } from '../../output/check.js';
import { planFiles } from '../../output/plan.js';
import { writeOutput } from '../../output/write.js';
import type { Driver, RuntimeContext } from '../../runtime/driver.js';
import { driverLoaders, runtimeTargets, type RuntimeTarget } from '../../runtime/drivers.js';
import { hasErrors } from '../../spec/diagnostic.js';
import { summary } from '../../spec/render.js';
import type { Io } from '../io.js';
import { report } from '../report.js';
import { specFile } from './shared.js';

export interface RuntimeFlags {
  file: string;
  target: RuntimeTarget;
  out?: string;
  build: boolean;
  stateDir?: string;
  unitDir?: string;
  systemctl?: string;
  user?: boolean;
  host?: string;
  supervisorConf?: string;
  pm2?: string;
  json?: boolean;
}

export interface Runtime {
  context: RuntimeContext;
  plan: StartupPlan;
  driver: Driver;
  specDir: string;
}

/** The options every runtime command shares. */
export function runtimeOptions(command: Command): Command {
  return command
    .option('-f, --file <path>', 'the spec', 'orchgen.yaml')
    .addOption(new Option('-t, --target <target>', 'the supervisor to drive').choices(runtimeTargets).makeOptionMandatory())
    .option('-o, --out <dir>', 'artifacts folder (default: out/ beside the spec)')
    .option('--no-build', 'use the artifacts in out/ as they are; refuse when they are out of date')
    .option('--state-dir <dir>', "orchgen's own files for the stack (default: .orchgen/<target>/ beside the spec)")
    .option('--unit-dir <dir>', 'systemd: where units are installed')
    .option('--systemctl <command>', 'systemd: how to run systemctl, e.g. "docker exec box systemctl"')
    .option('--user', 'systemd: the user manager (systemctl --user)')
    .option('--host <host>', 'systemd: a remote host (systemctl --host, over ssh)')
    .option('--supervisor-conf <file>', "supervisor: an existing supervisord's conf, instead of one orchgen starts")
    .option('--pm2 <path>', 'pm2: the pm2 executable to use (default: the one orchgen ships with)');
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
  if (flags.build) writeOutput(outDir, files);
  else if (hasDrift(checkOutput(outDir, files))) {
    io.err(`${outDir} is out of date for ${flags.target}: run \`orchgen build\` first (or drop --no-build)\n`);
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
  return options;
}
