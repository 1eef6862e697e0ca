import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Fallback, Service } from '../../model/types.js';
import type { Driver, DriverFactory, RuntimeContext, ServiceState } from '../driver.js';
import { readFrom, sizeOf } from '../log-file.js';
import { execOnHost } from '../probe.js';
import which from '../which.js';
import { allProcessInfo, supervisorPython, type ProcessInfo } from './rpc.js';
import { runtimeConf, startableCopy } from './runtime-conf.js';

export const supervisorDriver: DriverFactory = (context: RuntimeContext): Driver => {
  const project = context.model.project;
  const generated = join(context.artifactsDir, `${project}.conf`);
  const own = context.options.supervisorConf === undefined;
  const mainConf = context.options.supervisorConf ?? join(context.stateDir, 'supervisord.conf');
  const socket = join(context.stateDir, 'supervisor.sock');
  /** Which program runs each service now: the service's own, or a fallback variant's. */
  const running = new Map<string, string>();
  /** Where each service's log stood when it was started, to read what it printed since. */
  const logOffsets = new Map<string, { file: string; offset: number; start: number }>();
  let python: string | undefined;

  const ctl = (...args: string[]) => execa('supervisorctl', ['-c', mainConf, ...args], { reject: false, all: true, env: context.env });
  const infos = async (): Promise<ProcessInfo[]> => {
    python ??= await supervisorPython();
    return (await allProcessInfo(python, serverUrl())) ?? [];
  };
  const serverUrl = () => (own ? `unix://${socket}` : serverUrlOf(mainConf));
  const programOf = (service: Service, variant?: Fallback) => `${project}-${service.name}${variant ? `--${variant.name}` : ''}`;
  /** The program running the service: the one this process started, else whichever variant is alive. */
  const infoOf = async (service: Service) => {
    const all = await infos();
    const known = running.get(service.name);
    if (known) return all.find((info) => info.name === known);
    const candidates = all.filter((info) => info.name === programOf(service) || info.name.startsWith(`${programOf(service)}--`));
    return candidates.find((info) => ['RUNNING', 'STARTING', 'BACKOFF'].includes(info.statename)) ?? candidates.find((info) => info.name === programOf(service));
  };
  const qualified = (info: ProcessInfo) => (info.group === info.name ? info.name : `${info.group}:${info.name}`);

  /** supervisord forgets a program's exit status when it respawns it; its own log keeps it. */
  const lastExit = (info: ProcessInfo): number | undefined => {
    if (!own) return undefined;
    const log = readFrom(join(context.stateDir, 'supervisord.log'), 0);
    const exits = [...log.matchAll(new RegExp(`exited: ${info.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(exit status (\\d+)`, 'g'))];
    const last = exits[exits.length - 1];
    return last ? Number(last[1]) : undefined;
  };

  return {
    target: 'supervisor',
    async preflight() {
      const problems: string[] = [];
      if (!(await which('supervisord'))) problems.push('supervisord is not installed: apt-get install supervisor (or pip install supervisor)');
      if (!(await which('supervisorctl'))) problems.push('supervisorctl is not installed: apt-get install supervisor');
      if (!existsSync(generated)) problems.push(`${generated} is missing: run \`orchgen build -t supervisor\``);
      if (!own && !existsSync(mainConf)) problems.push(`--supervisor-conf ${mainConf} does not exist`);
      return problems;
    },
    async prepare() {
      mkdirSync(context.model.settings.supervisor.logDir, { recursive: true });
      if (!own) return;
      mkdirSync(context.stateDir, { recursive: true });
      const copy = join(context.stateDir, `${project}.conf`);
      writeFileSync(copy, startableCopy(readFileSync(generated, 'utf8')));
      writeFileSync(mainConf, runtimeConf(context.stateDir, copy));
      if ((await infos()).length > 0 || (await ctl('pid')).exitCode === 0) {
        await ctl('reread');
        await ctl('update');
        return;
      }
      const started = await execa('supervisord', ['-c', mainConf], { reject: false, all: true, env: context.env });
      if (started.exitCode !== 0) throw new Error(`supervisord did not start: ${started.all}`);
      for (let i = 0; i < 100 && (await ctl('pid')).exitCode !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    },
    async start(service, variant) {
      const program = programOf(service, variant);
      const info = (await infos()).find((i) => i.name === program);
      if (!info) throw new Error(`supervisord has no program ${program}: is ${generated} included in ${mainConf}?`);
      logOffsets.set(service.name, { file: info.stdout_logfile, offset: sizeOf(info.stdout_logfile), start: Date.now() / 1000 });
      running.set(service.name, program);
      const result = await ctl('start', qualified(info));
      if (result.exitCode !== 0 && !/ERROR \(spawn error\)|ERROR \(abnormal termination\)/.test(result.all ?? '')) {
        throw new Error(`supervisorctl start ${qualified(info)} failed: ${result.all}`);
      }
    },
    async stop(service) {
      for (const info of await infos()) {
        if (info.name === programOf(service) || info.name.startsWith(`${programOf(service)}--`)) {
          if (!['STOPPED', 'EXITED', 'FATAL'].includes(info.statename)) await ctl('stop', qualified(info));
        }
      }
    },
    async state(service): Promise<ServiceState> {
      const info = await infoOf(service);
      if (!info) return { running: false, restarts: 0 };
      const since = logOffsets.get(service.name)?.start ?? 0;
      const restarted = info.start > since + 1 && logOffsets.has(service.name) && info.statename !== 'STOPPED';
      const alive = info.statename === 'RUNNING' || info.statename === 'STARTING';
      const state: ServiceState = { running: alive, restarts: restarted ? 1 : 0 };
      if ((!alive && ['EXITED', 'BACKOFF', 'FATAL'].includes(info.statename)) || restarted) state.exitCode = lastExit(info) ?? info.exitstatus;
      if (info.start > 0) state.since = info.start * 1000;
      return state;
    },
    async output(service) {
      const mark = logOffsets.get(service.name);
      return mark ? readFrom(mark.file, mark.offset) : '';
    },
    async logs(service, lines) {
      const info = await infoOf(service);
      if (!info) return '';
      return `${readFrom(info.stdout_logfile, 0).split('\n').slice(-lines - 1).join('\n')}`;
    },
    async exec(_service, argv, timeoutMs) {
      return execOnHost(argv, timeoutMs, context.env);
    },
    async leftovers() {
      return (await infos()).filter((i) => i.statename === 'RUNNING' || i.statename === 'STARTING' || i.statename === 'BACKOFF').map((i) => i.name);
    },
    async finish() {
      if (own) await ctl('shutdown');
      for (let i = 0; own && i < 100 && existsSync(join(context.stateDir, 'supervisord.pid')); i++) await new Promise((r) => setTimeout(r, 100));
    },
  };
};

function serverUrlOf(conf: string): string {
  const text = readFileSync(conf, 'utf8');
  const file = /^\s*file\s*=\s*(\S+)/m.exec(text.split(/^\[unix_http_server\]/m)[1] ?? '')?.[1];
  return file ? `unix://${file}` : 'http://127.0.0.1:9001';
}
