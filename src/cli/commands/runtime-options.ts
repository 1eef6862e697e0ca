import { Option, type Command } from 'commander';
import { runtimeTargets, type RuntimeTarget } from '../../runtime/drivers.js';

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
  secretsDir?: string;
  json?: boolean;
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
    .option('--pm2 <path>', 'pm2: the pm2 executable to use (default: the one orchgen ships with)')
    .option('--secrets-dir <dir>', 'systemd: where up writes the secrets files (default: targets.systemd.secrets_dir)');
}
