import { Option, type Command } from 'commander';
import { runtimeTargets, targets, type RuntimeTarget } from '../../targets/all.js';
import type { RuntimeCommand, RuntimeOption } from '../../targets/target.js';

/**
 * What every runtime command takes: the spec, the target, where its files are; and, under their
 * keys, the options each target declares for reaching its tool (`runtimeOptions` in its folder).
 */
export interface RuntimeFlags {
  file: string;
  target: RuntimeTarget;
  out?: string;
  stateDir?: string;
  json?: boolean;
  [targetOption: string]: unknown;
}

/** What the commands that build the target's files first (`up`, `preflight`) take besides. */
export interface BuildFlags {
  build: boolean;
  verbose?: boolean;
}

/** The options every runtime command shares, then those the targets declare for it. */
export function runtimeOptions(command: Command): Command {
  command
    .option('-f, --file <path>', 'the spec', 'orchgen.yaml')
    .addOption(new Option('-t, --target <target>', 'the supervisor to drive').choices(runtimeTargets).makeOptionMandatory())
    .option('-o, --out <dir>', 'artifacts folder (default: out/ beside the spec)')
    .option('--state-dir <dir>', "orchgen's own files for the stack (default: .orchgen/<target>/ beside the spec)");
  for (const { target, option } of targetOptions(command.name() as RuntimeCommand)) command.option(option.flags, `${target}: ${option.description}`);
  return command;
}

/** The options the selected target declares, as its driver reads them. */
export function driverOptionsOf(flags: RuntimeFlags): Record<string, string | string[] | boolean> {
  const options: Record<string, string | string[] | boolean> = {};
  for (const { target, option } of targetOptions()) {
    if (target !== flags.target || !given(flags, option)) continue;
    const value = flags[option.key] as string | true;
    options[option.key] = typeof value === 'string' && option.parse ? option.parse(value) : value;
  }
  return options;
}

/** An option of another target than the one selected: said, rather than ignored. */
export function foreignOptions(flags: RuntimeFlags): string[] {
  return targetOptions()
    .filter(({ target, option }) => target !== flags.target && given(flags, option))
    .map(({ target, option }) => `${option.flags.split(' ')[0]} is an option of -t ${target}, not of -t ${flags.target}\n`);
}

/** On the command line: a value, or a switch that is on. */
function given(flags: RuntimeFlags, option: RuntimeOption): boolean {
  return flags[option.key] !== undefined && flags[option.key] !== false;
}

function targetOptions(command?: RuntimeCommand): Array<{ target: string; option: RuntimeOption }> {
  return targets.flatMap((target: { name: string; runtimeOptions?: readonly RuntimeOption[] }) =>
    (target.runtimeOptions ?? []).filter((option) => command === undefined || !option.commands || option.commands.includes(command)).map((option) => ({ target: target.name, option })),
  );
}

/** The options of the commands that write the target's files in out/ before they run. */
export function buildingOptions(command: Command): Command {
  return command
    .option('--no-build', "use the target's files in out/ as they are; refuse when they are out of date")
    .option('--verbose', 'list every setting the target cannot express natively (W103), not one summary line');
}
