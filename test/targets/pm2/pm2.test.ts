import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pm2OwnKeys } from '../../../src/targets/pm2/reserved.js';
import { shellJoin } from '../../../src/targets/shared/shell.js';
import { PROJECT_ROOT, describeWithTool, hasPm2, tempDir, withIsolatedPm2, type IsolatedPm2, type TempDir } from '../../support/tools.js';
import { hostileArgs, hostileEnv, hostileEnvYaml, jlist, readJsonWhenThere, startOnly, waitFor, writeProbe } from './live.js';
import { buildInto } from './support.js';

interface ProbeReport {
  argv: string[];
  env: Record<string, string>;
}

await describeWithTool('pm2 runs the generated ecosystem file', hasPm2, () => {
  let pm2: IsolatedPm2;
  let work: TempDir;
  let probe: string;
  beforeAll(async () => {
    pm2 = await withIsolatedPm2();
    work = await tempDir('orchgen-pm2-live-');
    probe = writeProbe(work.path);
  });
  afterAll(async () => {
    await pm2?.kill();
    await work?.cleanup();
  });

  /** Builds a one-service stack in its own folder and starts that app; resolves with what the probe saw. */
  async function runProbe(project: string, service: string, files: Record<string, string> = {}): Promise<{ report: ProbeReport; diagnostics: string[] }> {
    const stack = path.join(work.path, project);
    const out = path.join(stack, 'probe.json');
    const yaml = `version: 1\nproject: ${project}\nservices:\n  s:\n${service.replaceAll('OUT', out).replace(/^/gm, '    ')}\n`;
    const { ecosystem, built } = buildInto(stack, yaml, files);
    await startOnly(pm2, ecosystem, `${project}-s`);
    const report = await waitFor(`${project}'s probe`, () => readJsonWhenThere<ProbeReport>(out));
    return { report, diagnostics: built.diagnostics.map((d) => `${d.code} ${d.path.join('.')}`) };
  }

  const execCommand = () => `command: ${JSON.stringify([process.execPath, probe, 'OUT', ...hostileArgs])}`;

  it('loads the file and starts one app with --only; jlist shows it online and alone', async () => {
    const stack = path.join(work.path, 'only');
    const yaml = `version: 1\nproject: only\nservices:\n  a:\n    command: [sleep, "300"]\n  b:\n    command: [sleep, "301"]\n`;
    const { ecosystem } = buildInto(stack, yaml);
    await startOnly(pm2, ecosystem, 'only-b');
    const online = await waitFor('only-b online', async () => {
      const apps = (await jlist(pm2)).filter((app) => app.name.startsWith('only-'));
      return apps.length === 1 && apps[0]!.pm2_env.status === 'online' ? apps : undefined;
    });
    expect(online.map((app) => [app.name, app.pm2_env.namespace])).toEqual([['only-b', 'only']]);
  });

  it('hands hostile env values and arguments to an exec-form process byte for byte', async () => {
    const { report, diagnostics } = await runProbe('exec', `${execCommand()}\nenv: ${hostileEnvYaml()}`);
    expect(diagnostics.filter((d) => d.startsWith('E'))).toEqual([]);
    expect(report.argv).toEqual(hostileArgs);
    for (const [key, value] of Object.entries(hostileEnv)) expect([key, report.env[key]]).toEqual([key, value]);
  });

  it('hands them through a shell-form command too', async () => {
    const script = `exec ${shellJoin([process.execPath, probe, 'OUT', "it's", '$HOME', ''])} "$SINGLE"`;
    const { report } = await runProbe('shell', `command: ${JSON.stringify(script)}\nenv: ${hostileEnvYaml()}`);
    expect(report.argv).toEqual(["it's", '$HOME', '', "it's"]);
    for (const [key, value] of Object.entries(hostileEnv)) expect([key, report.env[key]]).toEqual([key, value]);
  });

  it('reads env files relative to the spec, literally, and keeps the arguments exact', async () => {
    const { report } = await runProbe('envfile', `${execCommand()}\nenv_file: conf/probe.env\nenv: ${hostileEnvYaml()}`, {
      'conf/probe.env': "FROM_FILE='read from the file' $HOME\n",
    });
    expect(report.argv).toEqual(hostileArgs);
    expect(report.env.FROM_FILE).toBe("'read from the file' $HOME");
    for (const [key, value] of Object.entries(hostileEnv)) expect([key, report.env[key]]).toEqual([key, value]);
  });

  it('would alter what it refuses: PM2 and /bin/sh overwrite those variables', async () => {
    const given = { PM2_HOME: 'given', unique_id: 'given', status: 'given' };
    const exec = await runProbe('refused', `command: ${JSON.stringify([process.execPath, probe, 'OUT'])}\nenv: ${JSON.stringify(given)}`);
    expect(exec.diagnostics.filter((d) => d.startsWith('E'))).toEqual(['E301 services.s.env.PM2_HOME', 'E301 services.s.env.unique_id', 'E301 services.s.env.status']);
    for (const key of Object.keys(given)) expect(exec.report.env[key], key).not.toBe('given');

    const shell = await runProbe('refusedsh', `command: ${JSON.stringify(`exec ${shellJoin([process.execPath, probe, 'OUT'])}`)}\nenv: { IFS: given, PPID: given }`);
    expect(shell.diagnostics.filter((d) => d.startsWith('E'))).toEqual(['E301 services.s.env.IFS', 'E301 services.s.env.PPID']);
    expect([shell.report.env.IFS, shell.report.env.PPID]).not.toContain('given');
  });

  it('refuses every env name PM2 keeps for itself, and passes the PM2 variables it leaves alone', async () => {
    const untouched = { NODE_APP_INSTANCE: 'given', PM2_USAGE: 'given', PM2_JSON_PROCESSING: 'given', PM2_INTERACTOR_PROCESSING: 'given' };
    const { report } = await runProbe('keys', `command: ${JSON.stringify([process.execPath, probe, 'OUT'])}\nenv: ${JSON.stringify(untouched)}`);
    for (const key of Object.keys(untouched)) expect([key, report.env[key]]).toEqual([key, 'given']);
    const [app] = (await jlist(pm2)).filter((a) => a.name === 'keys-s');
    const added = Object.keys(app!.pm2_env).filter((key) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !(key in pm2.env) && !(key in untouched));
    expect(added.filter((key) => !pm2OwnKeys.has(key))).toEqual([]);
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules/pm2/lib/API/schema.json'), 'utf8')) as Record<string, { alias?: string | string[] }>;
    const settings = Object.entries(schema).flatMap(([key, option]) => [key, ...[option.alias ?? []].flat()]).filter((key) => !key.startsWith('^'));
    expect(settings.filter((key) => !pm2OwnKeys.has(key))).toEqual([]);
  });

  it('restarts exactly max_attempts times, then gives up', async () => {
    const stack = path.join(work.path, 'attempts');
    mkdirSync(stack, { recursive: true });
    const yaml = 'version: 1\nproject: attempts\nservices:\n  s:\n    command: [/bin/false]\n    restart: { policy: on-failure, max_attempts: 2, delay: 50ms }\n';
    await startOnly(pm2, buildInto(stack, yaml).ecosystem, 'attempts-s');
    const attempts = async () => (await jlist(pm2)).find((a) => a.name === 'attempts-s')!;
    await waitFor('attempts-s to restart twice', async () => ((await attempts()).pm2_env.restart_time >= 2 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const app = await attempts();
    // With a restart delay PM2 lists a given-up app as `waiting restart`; it has no process either way.
    expect([app.pm2_env.restart_time, app.pid]).toEqual([2, 0]);
  });

  it('keeps restarting without max_attempts, past PM2\'s default of 16 quick exits', async () => {
    const yaml = 'version: 1\nproject: forever\nservices:\n  s:\n    command: [/bin/false]\n    restart: { policy: always, delay: 10ms }\n';
    await startOnly(pm2, buildInto(path.join(work.path, 'forever'), yaml).ecosystem, 'forever-s');
    const app = await waitFor('forever-s to pass 20 restarts', async () => (await jlist(pm2)).find((a) => a.name === 'forever-s' && a.pm2_env.restart_time > 20), 30_000);
    expect(app.pm2_env.status).not.toBe('errored');
    await pm2.pm2(['delete', 'forever-s']);
  });
});
