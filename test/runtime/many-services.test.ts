/**
 * A stack of a hundred services with health checks in one wave under supervisord and PM2: each
 * daemon serves one call at a time, so `up` must neither flood it with starts nor with state
 * queries (each start and each readiness check once asked for every process's state, and the last
 * calls timed out unread).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliEntry } from '../cli/run.js';
import { describeWithTool, hasPm2, hasSupervisord, tempDir, withIsolatedPm2, type IsolatedPm2, type TempDir, type ToolCheck } from '../support/tools.js';

const services = 100;

interface ManyTarget {
  target: 'supervisor' | 'pm2';
  tool: () => Promise<ToolCheck>;
  /** This suite's ports, below the kernel's range for outgoing connections (supervisor 19400-19499, pm2 19500-19599). */
  firstPort: number;
  /** How many programs or apps of the project the tool itself says are running. */
  running(dir: string, project: string, pm2?: IsolatedPm2): Promise<number>;
}

function specText(project: string, firstPort: number, logs: string): string {
  const lines = ['version: 1', `project: ${project}`, 'services:'];
  for (let i = 0; i < services; i++) {
    const port = firstPort + i;
    lines.push(
      `  s${i}:`,
      `    command: [python3, -c, "import http.server, sys; http.server.HTTPServer(('127.0.0.1', int(sys.argv[3])), http.server.SimpleHTTPRequestHandler).serve_forever()", --stack, ${project}, "${port}"]`,
      // a hundred Python servers starting at once on two cores starve the daemon that starts them for
      // tens of seconds: the start period gives them that time, as a user of such a machine would
      `    health: {http: "http://127.0.0.1:${port}/", interval: 1s, timeout: 1s, retries: 30, start_period: 120s}`,
      '    restart: "no"',
    );
  }
  lines.push('targets:', `  supervisor: {log_dir: ${logs}}`);
  return `${lines.join('\n')}\n`;
}

function manySuite(t: ManyTarget): Promise<void> {
  return describeWithTool(`orchgen up of a hundred services in one wave on ${t.target}`, t.tool, () => {
    const project = `many${t.target.slice(0, 3)}${process.pid.toString(36)}`;
    let dir: TempDir;
    let pm2: IsolatedPm2 | undefined;
    let spec = '';
    let up: { exitCode?: number; all?: string };
    const cli = (command: string) => execa('node', [cliEntry, command, '-f', spec, '-t', t.target], { reject: false, all: true, env: { ...(pm2?.env ?? process.env), NO_COLOR: '1' } });
    const ours = async () => (await execa('pgrep', ['-f', '--', `--stack ${project} `], { reject: false })).stdout.split('\n').filter(Boolean);

    beforeAll(async () => {
      dir = await tempDir('orchgen-many-');
      if (t.target === 'pm2') pm2 = await withIsolatedPm2();
      mkdirSync(join(dir.path, 'logs'));
      spec = join(dir.path, 'orchgen.yaml');
      writeFileSync(spec, specText(project, t.firstPort, join(dir.path, 'logs')));
      up = await cli('up');
    }, 300_000);

    afterAll(async () => {
      if (spec) await cli('down');
      await pm2?.kill();
      await dir?.cleanup();
    }, 300_000);

    it('starts every service, and the tool says each is running', async () => {
      expect(up.exitCode, up.all).toBe(0);
      expect(up.all).not.toContain('Warning');
      expect(await t.running(dir.path, project, pm2)).toBe(services);
      expect(await ours()).toHaveLength(services);
    });

    it('down leaves none of them running', async () => {
      const down = await cli('down');
      expect(down.exitCode, down.all).toBe(0);
      expect(await ours()).toEqual([]);
    }, 300_000);
  });
}

await manySuite({
  target: 'supervisor',
  tool: hasSupervisord,
  firstPort: 19_400,
  async running(dir, project) {
    const status = await execa('supervisorctl', ['-c', join(dir, '.orchgen', 'supervisor', 'supervisord.conf'), 'status'], { reject: false });
    return status.stdout.split('\n').filter((line) => line.startsWith(`${project}-`) && /\bRUNNING\b/.test(line)).length;
  },
});

await manySuite({
  target: 'pm2',
  tool: hasPm2,
  firstPort: 19_500,
  async running(_dir, project, pm2) {
    const listed = JSON.parse((await pm2!.pm2(['jlist'])).stdout) as Array<{ name: string; pm2_env: { status: string } }>;
    return listed.filter((app) => app.name.startsWith(`${project}-`) && app.pm2_env.status === 'online').length;
  },
});
