import { realpathSync } from 'node:fs';
import { execa, type ResultPromise } from 'execa';
import { cliEntry } from '../cli/run.js';
import type { SystemdContainer } from '../support/tools.js';

/** The project folder: the built CLI, its node_modules, schema and templates, as they are on this side. */
const projectRoot = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

/**
 * Bind mounts that let a systemd container run the built CLI as a server would: this machine's
 * node (host and image are both Debian 12) and the project folder at the same path, read-only.
 */
export function orchgenInsideBinds(): string[] {
  return [`${realpathSync(process.execPath)}:/usr/local/bin/node:ro`, `${projectRoot}:${projectRoot}:ro`];
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI inside the container, with its plain systemctl and journalctl. */
export function insideCli(box: SystemdContainer) {
  let started = 0;
  const command = (args: readonly string[], env: Record<string, string>, pidFile?: string) => {
    const envFlags = Object.entries({ NO_COLOR: '1', ...env }).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    const run = ['node', cliEntry, ...args];
    const argv = pidFile ? ['sh', '-c', `echo $$ > ${pidFile}; exec "$@"`, 'sh', ...run] : run;
    return execa('docker', ['exec', ...envFlags, box.name, ...argv], { reject: false, stripFinalNewline: false, forceKillAfterDelay: false });
  };
  return {
    async run(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
      const result = await command(args, env);
      return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
    },
    /** Starts the CLI; `interrupt` sends SIGINT to it, inside the container, by its pid. */
    start(args: readonly string[], env: Record<string, string> = {}): { child: ResultPromise; interrupt(): Promise<void> } {
      const pidFile = `/run/orchgen-cli-${++started}.pid`;
      const child = command(args, env, pidFile);
      return {
        child,
        async interrupt() {
          await box.exec(['sh', '-c', `kill -INT "$(cat ${pidFile})"`]);
        },
      };
    },
  };
}
