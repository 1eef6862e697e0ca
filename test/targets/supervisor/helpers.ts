import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { renderTargets } from '../../../src/pipeline/render.js';
import { compileText } from '../../../src/pipeline/compile.js';
import type { Model } from '../../../src/model/types.js';
import { planFiles } from '../../../src/output/plan.js';
import { writeOutput } from '../../../src/output/write.js';
import { hasErrors, type Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { supervisorTarget } from '../../../src/targets/supervisor/index.js';
import { isAlive as alive, supervisorPython } from '../../support/tools.js';

/** Compiles a spec for the supervisor target; a spec error fails the test. */
export function compileSpec(yaml: string) {
  const compiled = compileText('orchgen.yaml', yaml, ['supervisor']);
  if (!compiled.model || !compiled.plan) throw new Error(compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return { model: compiled.model, plan: compiled.plan };
}

/** The target's own output for a spec, with `sourceDir` as given. */
export function renderSpec(yaml: string, sourceDir = '..', adjust: (model: Model) => void = () => {}) {
  const { model, plan } = compileSpec(yaml);
  adjust(model);
  const services = model.services.filter((s) => s.targets.includes('supervisor'));
  return { model, ...supervisorTarget.render({ model, plan, services, sourceDir }) };
}

export interface Built {
  model: Model;
  /** The generated conf as written by the build, header included. */
  conf: string;
  diagnostics: Diagnostic[];
}

/**
 * Builds a spec the way `orchgen build` does: the spec in `dir`, the output in `dir/out`. A log
 * folder the spec names is made (supervisord wants it to exist).
 */
export function buildInto(dir: string, yaml: string, adjust: (model: Model) => void = () => {}): Built {
  const specFile = path.join(dir, 'orchgen.yaml');
  writeFileSync(specFile, yaml);
  const { model, plan } = compileSpec(yaml);
  adjust(model);
  const logDir = model.settings.supervisor.logDir;
  if (logDir !== undefined) mkdirSync(logDir, { recursive: true });
  const outDir = path.join(dir, 'out');
  const { artifacts, diagnostics } = renderTargets({ model, plan }, ['supervisor'], { specFile, outDir });
  if (hasErrors(diagnostics)) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  writeOutput(outDir, planFiles(artifacts, specFile, outDir));
  return { model, conf: path.join(outDir, 'supervisor', `${model.project}.conf`), diagnostics };
}

/** A main supervisord.conf in `dir` that includes `conf`, with its socket, pid and logs in `dir`. */
export function writeMainConf(dir: string, conf: string): string {
  const main = path.join(dir, 'supervisord.conf');
  const text = [
    '[unix_http_server]',
    `file=${dir}/supervisor.sock`,
    '',
    '[supervisorctl]',
    `serverurl=unix://${dir}/supervisor.sock`,
    '',
    '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '',
    '[supervisord]',
    'nodaemon=false',
    `logfile=${dir}/supervisord.log`,
    `pidfile=${dir}/supervisord.pid`,
    `childlogdir=${dir}`,
    '',
    '[include]',
    `files=${conf}`,
    '',
  ].join('\n');
  writeFileSync(main, text);
  return main;
}

/** One program as supervisord's own parser reads it. */
export interface ParsedProgram {
  group: string;
  name: string;
  command: string;
  /** `command` split as supervisord splits it before it execs. */
  argv: string[];
  environment: Record<string, string>;
  directory: string | null;
  uid: number | null;
  priority: number;
  autostart: boolean;
  autorestart: 'true' | 'false' | 'unexpected';
  exitcodes: number[];
  startsecs: number;
  startretries: number;
  stopsignal: string;
  stopwaitsecs: number;
  stopasgroup: boolean;
  killasgroup: boolean;
  redirect_stderr: boolean;
  stdout_logfile: string;
}

const readBackScript = `
import json, os, shlex, signal, sys
import supervisor.options
from supervisor.datatypes import RestartUnconditionally
from supervisor.options import ServerOptions
stubbed = []
if os.environ.get('ORCHGEN_STUB_USERS'):
    known = supervisor.options.name_to_uid
    def name_to_uid(name):
        try:
            return known(name)
        except ValueError:
            stubbed.append(name)
            return 65534
    supervisor.options.name_to_uid = name_to_uid
options = ServerOptions()
options.realize(args=['-c', sys.argv[1]])
programs = []
for group in options.process_group_configs:
    for p in group.process_configs:
        programs.append({
            'group': group.name, 'name': p.name, 'command': p.command, 'argv': shlex.split(p.command),
            'environment': p.environment or {}, 'directory': p.directory, 'uid': p.uid,
            'priority': p.priority, 'autostart': p.autostart,
            'autorestart': 'true' if p.autorestart is RestartUnconditionally else 'false' if p.autorestart is False else 'unexpected',
            'exitcodes': list(p.exitcodes), 'startsecs': p.startsecs, 'startretries': p.startretries,
            'stopsignal': signal.Signals(p.stopsignal).name, 'stopwaitsecs': p.stopwaitsecs,
            'stopasgroup': p.stopasgroup, 'killasgroup': p.killasgroup,
            'redirect_stderr': p.redirect_stderr, 'stdout_logfile': p.stdout_logfile,
        })
json.dump({'programs': programs, 'stubbed': stubbed}, sys.stdout)
`;

/** Parses a main conf exactly as supervisord does (ServerOptions.realize) and reads the programs back. */
export async function readBack(mainConf: string): Promise<ParsedProgram[]> {
  return (await parseConf(mainConf, false)).programs;
}

/**
 * The same, except that a user this machine does not have (supervisord looks each one up while it
 * parses) reads as nobody; the users it stood in for are listed.
 */
export function readBackStubbingUsers(mainConf: string): Promise<{ programs: ParsedProgram[]; stubbed: string[] }> {
  return parseConf(mainConf, true);
}

async function parseConf(mainConf: string, stubUsers: boolean): Promise<{ programs: ParsedProgram[]; stubbed: string[] }> {
  const python = await supervisorPython();
  if (!python) throw new Error('no python3 that imports supervisor');
  const env = stubUsers ? { ORCHGEN_STUB_USERS: '1' } : {};
  const r = await execa(python, ['-c', readBackScript, mainConf], { reject: false, stdin: 'ignore', env });
  if (r.exitCode !== 0) throw new Error(`supervisord's parser rejected ${mainConf}:\n${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as { programs: ParsedProgram[]; stubbed: string[] };
}

export function byName(programs: readonly ParsedProgram[], name: string): ParsedProgram {
  const found = programs.find((p) => p.name === name);
  if (!found) throw new Error(`no program ${name} among ${programs.map((p) => p.name).join(', ')}`);
  return found;
}

/** A supervisord started (daemonized) on a main conf, and its supervisorctl. */
export interface Supervisord {
  ctl(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** Polls `status` of the given programs until each is RUNNING. */
  waitRunning(names: string[], timeoutMs?: number): Promise<string>;
  shutdown(): Promise<void>;
}

export async function startSupervisord(mainConf: string): Promise<Supervisord> {
  const dir = path.dirname(mainConf);
  const pidFile = path.join(dir, 'supervisord.pid');
  const started = await execa('supervisord', ['-c', mainConf], { reject: false, stdin: 'ignore', timeout: 30_000 });
  if (started.exitCode !== 0) throw new Error(`supervisord did not start: ${started.stderr}${started.stdout}`);
  const ctl = async (args: string[]) => {
    const r = await execa('supervisorctl', ['-c', mainConf, ...args], { reject: false, stdin: 'ignore', timeout: 60_000 });
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  const pid = await waitFor(() => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) || undefined : undefined), 10_000, 'supervisord pid file');
  return {
    ctl,
    async waitRunning(names, timeoutMs = 30_000) {
      let last = '';
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const r = await ctl(['status', ...names]);
        last = r.stdout;
        const lines = r.stdout.trim().split('\n');
        if (r.exitCode === 0 && lines.length === names.length && lines.every((l) => /\sRUNNING\s/.test(l))) return r.stdout;
        await sleep(250);
      }
      const log = existsSync(path.join(dir, 'supervisord.log')) ? readFileSync(path.join(dir, 'supervisord.log'), 'utf8') : '';
      throw new Error(`not all RUNNING within ${timeoutMs} ms:\n${last}\nsupervisord.log:\n${log}`);
    },
    async shutdown() {
      await ctl(['shutdown']);
      const gone = await waitFor(() => (alive(pid) ? undefined : true), 30_000, 'supervisord to exit').catch(() => false);
      if (!gone && alive(pid)) process.kill(pid, 'SIGKILL');
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** YAML text for a string, exactly: a JSON string is a YAML double-quoted scalar. */
export const yamlString = (text: string): string => JSON.stringify(text);
