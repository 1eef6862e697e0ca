/**
 * supervisord, as its users run it: the generated conf included by a main conf (as Debian's
 * /etc/supervisor/supervisord.conf includes conf.d/), `supervisord -c` with the values in its
 * environment, on a machine where /var/log/<project> does not exist; `supervisorctl shutdown` to stop.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { allTools, hasPythonOnlyImage, hasSupervisord, isAlive } from '../../support/tools.js';
import { writeMainConf } from '../../targets/supervisor/helpers.js';
import type { Stack, TargetAdapter, ToolRun } from '../adapter.js';

const mainConf = (stack: Stack) => path.join(stack.dir, 'supervisord.conf');
const logDir = (stack: Stack) => `/var/log/${stack.project}`;

async function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<ToolRun> {
  const r = await execa(cmd, args, { env, reject: false, all: true, timeout: 120_000, stdin: 'ignore' });
  return { exitCode: r.exitCode ?? -1, output: String(r.all ?? '') };
}

/** The log files the generated conf names (supervisord makes them). */
function logFiles(stack: Stack): string[] {
  const conf = path.join(stack.out, 'supervisor', `${stack.project}.conf`);
  if (!existsSync(conf)) return [];
  return [...readFileSync(conf, 'utf8').matchAll(/^stdout_logfile=(\/.*)$/gm)].map((m) => m[1]!);
}

function daemonPid(stack: Stack): number | undefined {
  const file = path.join(stack.dir, 'supervisord.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) || undefined : undefined;
}

export const supervisorAdapter: TargetAdapter = {
  id: 'supervisor',
  title: 'supervisord',
  target: 'supervisor',
  tool: () => allTools(hasSupervisord, hasPythonOnlyImage),
  allContainers: false,
  start(stack) {
    rmSync(logDir(stack), { recursive: true, force: true });
    writeMainConf(stack.dir, path.join(stack.out, 'supervisor', `${stack.project}.conf`));
    return run('supervisord', ['-c', mainConf(stack)], stack.env);
  },
  async stop(stack) {
    const pid = daemonPid(stack);
    const result = await run('supervisorctl', ['-c', mainConf(stack), 'shutdown']);
    const deadline = Date.now() + 60_000;
    while (pid !== undefined && isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return result;
  },
  async cleanup(stack) {
    const pid = daemonPid(stack);
    if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(logDir(stack), { recursive: true, force: true });
    for (const file of logFiles(stack)) rmSync(file, { force: true });
  },
  differences: {
    'start-order': 'supervisord starts by `priority` and waits for no health check',
    'restart-delay': 'supervisord restarts a crashed program at once (no delay)',
  },
};
