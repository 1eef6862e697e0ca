import { Option, type Command } from 'commander';
import { runtimeTargets, type RuntimeTarget } from '../../targets/all.js';

/** What every runtime command takes: the spec, the target, where its files are and how to reach its tool. */
export interface RuntimeFlags {
  file: string;
  target: RuntimeTarget;
  out?: string;
  stateDir?: string;
  systemctl?: string;
  user?: boolean;
  host?: string;
  supervisorConf?: string;
  pm2?: string;
  json?: boolean;
}

/** What the commands that build the target's files first (`up`, `preflight`) take besides. */
export interface BuildFlags {
  build: boolean;
  verbose?: boolean;
  unitDir?: string;
  secretsDir?: string;
}

/** The options every runtime command shares. */
export function runtimeOptions(command: Command): Command {
  return command
    .option('-f, --file <path>', 'the spec', 'orchgen.yaml')
    .addOption(new Option('-t, --target <target>', 'the supervisor to drive').choices(runtimeTargets).makeOptionMandatory())
    .option('-o, --out <dir>', 'artifacts folder (default: out/ beside the spec)')
    .option('--state-dir <dir>', "orchgen's own files for the stack (default: .orchgen/<target>/ beside the spec)")
    .option('--systemctl <command>', 'systemd: how to run systemctl, e.g. "docker exec box systemctl"')
    .option('--user', 'systemd: the user manager (systemctl --user)')
    .option('--host <host>', 'systemd: a remote host (systemctl --host, over ssh)')
    .option('--supervisor-conf <file>', "supervisor: an existing supervisord's conf, instead of one orchgen starts")
    .option('--pm2 <path>', 'pm2: the pm2 executable to use (default: the one orchgen ships with)');
}

/** The options of the commands that write the target's files in out/ before they run. */
export function buildingOptions(command: Command): Command {
  return command
    .option('--no-build', "use the target's files in out/ as they are; refuse when they are out of date")
    .option('--verbose', 'list every setting the target cannot express natively (W103), not one summary line');
}
