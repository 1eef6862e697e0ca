import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Service } from '../../model/types.js';
import { packageRoot } from '../../paths.js';
import type { Driver, DriverFactory, RuntimeContext, ServiceState } from '../driver.js';
import { readFrom, sizeOf } from '../log-file.js';
import { execOnHost } from '../probe.js';

interface Pm2Process {
  name: string;
  pm2_env: {
    namespace?: string;
    status: 'online' | 'stopping' | 'stopped' | 'launching' | 'errored' | 'one-launch-status' | 'waiting restart';
    restart_time: number;
    exit_code?: number;
    pm_uptime?: number;
    pm_out_log_path?: string;
    pm_err_log_path?: string;
  };
}

export const pm2Driver: DriverFactory = (context: RuntimeContext): Driver => {
  const project = context.model.project;
  const ecosystem = join(context.artifactsDir, 'ecosystem.config.cjs');
  const pm2Bin = context.options.pm2 ?? join(packageRoot, 'node_modules', '.bin', 'pm2');
  const marks = new Map<string, { restarts: number; offsets: Map<string, number> }>();
  const env = { ...context.env, PM2_DISCRETE_MODE: 'true' };
  const pm2 = (...args: string[]) => execa(pm2Bin, args, { reject: false, all: true, env });
  const app = (service: Service) => `${project}-${service.name}`;
  const list = async (): Promise<Pm2Process[]> => {
    const result = await pm2('jlist');
    const json = result.stdout.slice(result.stdout.indexOf('['));
    try {
      return JSON.parse(json) as Pm2Process[];
    } catch {
      return [];
    }
  };
  const find = async (service: Service) => (await list()).find((p) => p.name === app(service));
  /** The log files an app writes: where its last run wrote, PM2's default place, and the spec's log_dir. */
  const logCandidates = (service: Service, previous?: Pm2Process): string[] => {
    const home = context.env.PM2_HOME ?? join(homedir(), '.pm2');
    const logDir = context.model.settings.pm2.logDir;
    const names = [`${app(service)}-out.log`, `${app(service)}-error.log`];
    return [
      previous?.pm2_env.pm_out_log_path,
      previous?.pm2_env.pm_err_log_path,
      ...names.map((name) => join(home, 'logs', name)),
      ...(logDir ? names.map((name) => join(logDir, name)) : []),
    ].filter((path): path is string => path !== undefined);
  };

  return {
    target: 'pm2',
    async preflight() {
      const problems: string[] = [];
      if (!existsSync(pm2Bin)) problems.push(`pm2 is not at ${pm2Bin}: run npm ci in orchgen's folder, or pass --pm2`);
      else if ((await pm2('ping')).exitCode !== 0) problems.push('the PM2 daemon does not answer: check PM2_HOME and its permissions');
      if (!existsSync(ecosystem)) problems.push(`${ecosystem} is missing: run \`orchgen build -t pm2\``);
      return problems;
    },
    async prepare() {},
    async start(service, variant) {
      const file = variant ? join(context.artifactsDir, 'fallbacks', `${service.name}.${variant.name}.config.cjs`) : ecosystem;
      const previous = await find(service);
      await pm2('delete', app(service));
      // Where each log stands before the start: the process may print and exit before pm2 returns.
      const offsets = new Map(logCandidates(service, previous).map((path) => [path, sizeOf(path)]));
      const result = await pm2('start', file, '--only', app(service));
      if (result.exitCode !== 0) throw new Error(`pm2 start ${app(service)} failed: ${result.all}`);
      marks.set(service.name, { restarts: (await find(service))?.pm2_env.restart_time ?? 0, offsets });
    },
    async stop(service) {
      if (await find(service)) await pm2('delete', app(service));
    },
    async state(service): Promise<ServiceState> {
      const process = await find(service);
      if (!process) return { running: false, restarts: 0 };
      const env = process.pm2_env;
      const restarts = env.restart_time - (marks.get(service.name)?.restarts ?? 0);
      const running = env.status === 'online' || env.status === 'launching';
      const state: ServiceState = { running, restarts: Math.max(0, restarts) };
      if ((!running || restarts > 0) && env.exit_code !== undefined) state.exitCode = env.exit_code;
      if (env.pm_uptime) state.since = env.pm_uptime;
      return state;
    },
    async output(service) {
      const process = await find(service);
      const mark = marks.get(service.name);
      if (!process || !mark) return '';
      const { pm_out_log_path: out, pm_err_log_path: err } = process.pm2_env;
      return [out, err].filter((path, i, all) => path && all.indexOf(path) === i).map((path) => readFrom(path, mark.offsets.get(path!) ?? 0)).join('');
    },
    async logs(service, lines) {
      const result = await pm2('logs', app(service), '--nostream', '--raw', '--lines', String(lines));
      return result.stdout ? `${result.stdout}\n` : '';
    },
    async exec(_service, argv, timeoutMs) {
      return execOnHost(argv, timeoutMs, context.env);
    },
    async leftovers() {
      return (await list()).filter((p) => p.pm2_env.namespace === project && p.pm2_env.status !== 'stopped').map((p) => p.name);
    },
    async finish() {
      const names = (await list()).filter((p) => p.pm2_env.namespace === project).map((p) => p.name);
      for (const name of names) await pm2('delete', name);
    },
  };
};
