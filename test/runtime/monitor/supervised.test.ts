/**
 * `monitor.supervised`: the monitor is one more program (supervisord), app (PM2) or unit (systemd)
 * of the stack. `up` starts it after every service; killed, its tool starts it again and it goes on
 * without restarting a healthy service; `down` stops it before any service. Each look is the tool's
 * own answer, the kernel's process table, or what the servers themselves wrote.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unitName } from '../../../src/targets/systemd/names.js';
import { cliEntry } from '../../cli/run.js';
import { allTools, describeWithTool, hasDocker, hasPm2, hasSupervisord, hasSystemdImage, startSystemdContainer, withIsolatedPm2, type ToolCheck } from '../../support/tools.js';
import { insideCli, orchgenInsideBinds } from '../systemd-inside.js';

/** Where the stack runs, and the tool's own answers there; set up and torn down with the suite. */
interface Stage {
  /** A command where the stack runs. */
  run(argv: string[]): Promise<{ stdout: string; exitCode: number }>;
  /** The built CLI where the stack runs. */
  cli(args: string[]): Promise<{ exitCode: number; all: string }>;
  /** The pid the tool itself gives for a service's program, app or unit; undefined when it says it is not running. */
  pid(service: string): Promise<number | undefined>;
  teardown(): Promise<void>;
}

interface SupervisedTarget {
  target: 'supervisor' | 'pm2' | 'systemd';
  tool: () => Promise<ToolCheck>;
  /** This suite's ports: the two servers, then the monitor's API. */
  firstPort: number;
  /** How orchgen runs where the stack runs. */
  command: string[];
  /** `root`: the stack's temporary folder, to be seen at the same path where the stack runs. */
  stage(root: string, project: string): Promise<Stage>;
}

/** A server that writes, when it is told to stop (PM2's daemon sends SIGINT by default), whether the monitor was still running then. */
const server = `
import http.server, os, signal, subprocess, sys, time
name, port, stamps, monitor = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def stop(*_):
    alive = subprocess.run(['pgrep', '-f', monitor], capture_output=True).returncode == 0
    with open(stamps, 'a') as f: f.write(f'{name} stopped, monitor running: {alive}\\n')
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
http.server.HTTPServer(('127.0.0.1', port), http.server.SimpleHTTPRequestHandler).serve_forever()
`;

function specText(project: string, dir: string, specName: string, firstPort: number, command: readonly string[]): string {
  // a pattern that finds the monitor's command line, not the servers' own (which hold it)
  const monitorMark = `[m]onitor --file ${specName}`;
  const serve = (name: string, port: number) => `[python3, server.py, ${name}, "${port}", ${join(dir, 'stamps')}, "${monitorMark}"]`;
  return [
    'version: 1',
    `project: ${project}`,
    `project_dir: ${dir}`,
    'monitor:',
    '  supervised: true',
    `  command: [${command.join(', ')}]`,
    `  listen: 127.0.0.1:${firstPort + 2}`,
    '  interval: 1s',
    '  recovery: {delay: 1s}',
    'services:',
    '  db:',
    `    command: ${serve('db', firstPort)}`,
    `    health: {http: "http://127.0.0.1:${firstPort}/", interval: 1s, timeout: 1s, retries: 10}`,
    '    restart: "no"',
    '  api:',
    `    command: ${serve('api', firstPort + 1)}`,
    `    health: {http: "http://127.0.0.1:${firstPort + 1}/", interval: 1s, timeout: 1s, retries: 10}`,
    '    restart: "no"',
    '    depends_on: {db: healthy}',
    'targets:',
    `  supervisor: {log_dir: ${dir}}`,
    `  pm2: {log_dir: ${dir}}`,
    '',
  ].join('\n');
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function monitorAnswers(port: number): Promise<true | undefined> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).ok || undefined;
  } catch {
    return undefined;
  }
}

function supervisedSuite(t: SupervisedTarget): Promise<void> {
  return describeWithTool(`the supervised monitor on ${t.target}`, t.tool, () => {
    const project = `sup${t.target.slice(0, 3)}${process.pid.toString(36)}`;
    const specName = `orchgen-${project}.yaml`;
    const apiPort = t.firstPort + 2;
    let root = '';
    let stage: Stage | undefined;
    let spec = '';
    let up: { exitCode: number; all: string };
    const cli = (command: string) => stage!.cli([command, '-f', spec, '-t', t.target]);
    const pidOf = (service: string) => stage!.pid(service);
    /** When the kernel started a process, in clock ticks since boot. */
    const startedAt = async (pid: number) => {
      const stat = (await stage!.run(['cat', `/proc/${pid}/stat`])).stdout;
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    };
    const ours = async () => (await stage!.run(['pgrep', '-f', '--', `${project}|${specName}`])).stdout.split('\n').filter(Boolean);

    beforeAll(async () => {
      root = mkdtempSync('/tmp/orchgen-supervised-');
      stage = await t.stage(root, project);
      writeFileSync(join(root, 'server.py'), server);
      spec = join(root, specName);
      writeFileSync(spec, specText(project, root, specName, t.firstPort, t.command));
      up = await cli('up');
    }, 180_000);

    afterAll(async () => {
      if (stage && spec) await cli('down');
      await stage?.teardown();
      if (root) rmSync(root, { recursive: true, force: true });
    }, 180_000);

    it('up starts the monitor after every service, and it answers', async () => {
      expect(up.exitCode, up.all).toBe(0);
      const [db, api, monitor] = await Promise.all([pidOf('db'), pidOf('api'), pidOf('orchgen-monitor')]);
      expect(db && api && monitor, `db ${db}, api ${api}, monitor ${monitor}`).toBeTruthy();
      expect(await startedAt(monitor!)).toBeGreaterThanOrEqual(await startedAt(api!));
      expect(await startedAt(api!)).toBeGreaterThanOrEqual(await startedAt(db!));
      await until('the monitor answers', () => monitorAnswers(apiPort));
    });

    it('killed, the monitor is started again by its tool, and no healthy service is restarted', async () => {
      const before = { db: await pidOf('db'), api: await pidOf('api'), monitor: await pidOf('orchgen-monitor') };
      await stage!.run(['kill', '-KILL', String(before.monitor)]);
      const again = await until('the tool runs the monitor again', async () => {
        const pid = await pidOf('orchgen-monitor');
        return pid !== undefined && pid !== before.monitor ? pid : undefined;
      });
      await until('the restarted monitor answers', () => monitorAnswers(apiPort));
      // several of its check intervals (1 s)
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect({ db: await pidOf('db'), api: await pidOf('api'), monitor: await pidOf('orchgen-monitor') }).toEqual({ ...before, monitor: again });
    }, 60_000);

    it('the restarted monitor recovers a service that died, through the tool', async () => {
      const api = await pidOf('api');
      await stage!.run(['kill', '-KILL', String(api)]);
      await until('the tool runs api again', async () => {
        const pid = await pidOf('api');
        return pid !== undefined && pid !== api ? pid : undefined;
      });
      const events = (await (await fetch(`http://127.0.0.1:${apiPort}/api/v1/events`)).json()) as Array<{ service: string }>;
      expect(events.map((e) => e.service)).toContain('api');
    }, 60_000);

    it('down stops the monitor before any service, and leaves nothing running', async () => {
      const down = await cli('down');
      expect(down.exitCode, down.all).toBe(0);
      const stamps = readFileSync(join(root, 'stamps'), 'utf8').trim().split('\n');
      expect(stamps).toEqual(['api stopped, monitor running: False', 'db stopped, monitor running: False']);
      expect(await ours()).toEqual([]);
    }, 120_000);
  });
}

const onThisMachine = (env: NodeJS.ProcessEnv) => ({
  async run(argv: string[]) {
    const result = await execa(argv[0]!, argv.slice(1), { reject: false });
    return { stdout: String(result.stdout), exitCode: result.exitCode ?? -1 };
  },
  async cli(args: string[]) {
    const result = await execa('node', [cliEntry, ...args], { reject: false, all: true, env: { ...env, NO_COLOR: '1' } });
    return { exitCode: result.exitCode ?? -1, all: String(result.all) };
  },
});

/** A pid the tool gave, or undefined for its "not running" answers (0, empty, words). */
const pidOrNone = (text: string | number): number | undefined => {
  const pid = Number(typeof text === 'string' ? text.trim() : text);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

await supervisedSuite({
  target: 'supervisor',
  tool: hasSupervisord,
  firstPort: 19_720,
  command: [process.execPath, cliEntry],
  async stage(root, project) {
    return {
      ...onThisMachine(process.env),
      async pid(service) {
        const status = await execa('supervisorctl', ['-c', join(root, '.orchgen', 'supervisor', 'supervisord.conf'), 'pid', `${project}-${service}`], { reject: false });
        return pidOrNone(status.stdout);
      },
      async teardown() {},
    };
  },
});

await supervisedSuite({
  target: 'pm2',
  tool: hasPm2,
  firstPort: 19_730,
  command: [process.execPath, cliEntry],
  async stage(_root, project) {
    const pm2 = await withIsolatedPm2();
    return {
      ...onThisMachine(pm2.env),
      async pid(service) {
        const listed = JSON.parse((await pm2.pm2(['jlist'])).stdout) as Array<{ name: string; pid: number; pm2_env: { status: string } }>;
        const app = listed.find((a) => a.name === `${project}-${service}` && a.pm2_env.status === 'online');
        return app && pidOrNone(app.pid);
      },
      teardown: () => pm2.kill(),
    };
  },
});

// The stack's folder is bind-mounted at the same path; the CLI, the servers and the monitor run
// inside, on the container's own systemd, as on a server; the container shares the host's network.
await supervisedSuite({
  target: 'systemd',
  tool: () => allTools(hasDocker, hasSystemdImage),
  firstPort: 19_740,
  command: ['/usr/local/bin/node', cliEntry],
  async stage(root, project) {
    const box = await startSystemdContainer('supervised', { binds: [`${root}:${root}`, ...orchgenInsideBinds()] });
    const inside = insideCli(box);
    return {
      async run(argv) {
        const result = await box.exec(argv);
        return { stdout: result.stdout, exitCode: result.exitCode };
      },
      async cli(args) {
        const result = await inside.run(args);
        return { exitCode: result.code, all: `${result.stdout}${result.stderr}` };
      },
      async pid(service) {
        const shown = await box.exec(['systemctl', 'show', '-p', 'MainPID', '--value', unitName(project, service)]);
        return pidOrNone(shown.stdout);
      },
      teardown: () => box.stop(),
    };
  },
});
