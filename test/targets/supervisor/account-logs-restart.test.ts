import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orchgen } from '../../cli/run.js';
import { describeWithTool, hasSupervisord, tempDir, type TempDir } from '../../support/tools.js';
import { buildInto, startSupervisord, waitFor, writeMainConf, type Supervisord } from './helpers.js';

/**
 * The conf under supervisord alone, on a machine without /var/log/<project>: it loads, programs
 * with `user` see their account's HOME, USER and LOGNAME, and max_attempts bounds a crash loop.
 */

const project = `sacc${process.pid}`;
const program = (service: string) => `${project}-${service}`;
const logOf = (service: string) => `/var/log/${program(service)}.log`;
const printAccount = JSON.stringify(['sh', '-c', 'echo "HOME=$HOME USER=$USER LOGNAME=$LOGNAME"; exec sleep 100000']);

const yaml = `version: 1
project: ${project}
defaults: { restart: "no", stop: { timeout: 1s } }
services:
  named: { command: ${printAccount}, user: nobody }
  numeric: { command: ${printAccount}, user: "65534" }
  own: { command: ${printAccount}, user: nobody, env: { HOME: /srv/own } }
  crash:
    command: [sh, -c, "echo started; exit 3"]
    restart: { policy: on-failure, max_attempts: 2, delay: 1s }
`;

await describeWithTool('supervisor target: account, log files and attempts under supervisord alone', hasSupervisord, () => {
  let dir: TempDir;
  let conf: string;
  let supervisord: Supervisord | undefined;
  const services = ['named', 'numeric', 'own', 'crash'];

  beforeAll(async () => {
    dir = await tempDir('orchgen-supervisor-account-');
    for (const service of services) rmSync(logOf(service), { force: true });
    conf = buildInto(dir.path, yaml).conf;
  });
  afterAll(async () => {
    await supervisord?.shutdown();
    for (const service of services) rmSync(logOf(service), { force: true });
    await dir?.cleanup();
  });

  it('loads although /var/log/<project> does not exist, logging to /var/log/<program>.log', async () => {
    expect(existsSync(`/var/log/${project}`)).toBe(false);
    supervisord = await startSupervisord(writeMainConf(dir.path, conf));
    await supervisord.waitRunning(['named', 'numeric', 'own'].map(program));
    for (const service of ['named', 'numeric', 'own']) await waitFor(() => (readLog(service) ? true : undefined), 10_000, `the log of ${service}`);
    expect(existsSync(`/var/log/${project}`)).toBe(false);
  });

  it("gives a program with `user` that account's HOME, USER and LOGNAME, as the host's passwd has them", async () => {
    const home = (await execa('getent', ['passwd', 'nobody'])).stdout.split(':')[5];
    expect(home).toBeTruthy();
    expect(readLog('named')).toBe(`HOME=${home} USER=nobody LOGNAME=nobody\n`);
    expect(readLog('numeric')).toBe(`HOME=${home} USER=nobody LOGNAME=nobody\n`);
    // HOME set by the spec stays the spec's.
    expect(readLog('own')).toBe('HOME=/srv/own USER=nobody LOGNAME=nobody\n');
    const pid = (await supervisord!.ctl(['pid', program('named')])).stdout.trim();
    expect((await execa('ps', ['-o', 'user=,args=', '-p', pid])).stdout.trim().split(/\s+/)).toEqual(['nobody', 'sleep', '100000']);
  });

  it('max_attempts 2: a program that keeps exiting at once runs 3 times, then supervisord gives up (FATAL)', async () => {
    const deadline = Date.now() + 30_000;
    let status = '';
    while (Date.now() < deadline) {
      status = (await supervisord!.ctl(['status', program('crash')])).stdout;
      if (/\sFATAL\s/.test(status)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toMatch(/\sFATAL\s/);
    expect(readLog('crash')).toBe('started\nstarted\nstarted\n');
    expect(readFileSync(conf, 'utf8')).toContain(`restart.max_attempts is startretries, with startsecs=10: only runs shorter than 10 s count as attempts, and one that ran longer is restarted at once and clears the count: crash (2).`);
  });

  it('`orchgen logs` reads the program log in /var/log through its own supervisord', async () => {
    await supervisord?.shutdown();
    supervisord = undefined;
    const spec = path.join(dir.path, 'orchgen.yaml');
    writeFileSync(spec, yaml.replace(/ {2}crash:[\s\S]*$/, ''));
    const run = (...args: string[]) => orchgen([...args, '-f', spec, '-t', 'supervisor']);
    try {
      const up = await run('up');
      expect(up.code, up.stdout + up.stderr).toBe(0);
      const logs = await run('logs', 'named');
      expect(logs.stdout).toContain('USER=nobody LOGNAME=nobody');
      expect(logs.code).toBe(0);
    } finally {
      expect((await run('down')).code).toBe(0);
    }
  });
});

function readLog(service: string): string | undefined {
  return existsSync(logOf(service)) ? readFileSync(logOf(service), 'utf8') || undefined : undefined;
}
