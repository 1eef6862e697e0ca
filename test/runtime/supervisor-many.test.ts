/**
 * A stack of a hundred services with health checks in one wave under supervisord: supervisord
 * serves one call at a time, so `up` must neither flood it with starts nor with state queries
 * (each start and each readiness check once asked for every process's state, and the last calls
 * timed out unread).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliEntry } from '../cli/run.js';
import { describeWithTool, hasSupervisord, tempDir, type TempDir } from '../support/tools.js';

const services = 100;
const project = `many${process.pid.toString(36)}`;
/** The servers' ports: this suite's range is 19400-19499, below the kernel's range for outgoing connections. */
const firstPort = 19_400;

await describeWithTool('orchgen up of a hundred services in one wave under supervisord', hasSupervisord, () => {
  let dir: TempDir;
  let spec = '';
  let up: { exitCode?: number; all?: string };
  const cli = (...args: string[]) => execa('node', [cliEntry, ...args, '-f', spec, '-t', 'supervisor'], { reject: false, all: true, env: { NO_COLOR: '1' } });
  const ours = async () => (await execa('pgrep', ['-f', '--', `--stack ${project} `], { reject: false })).stdout.split('\n').filter(Boolean);

  beforeAll(async () => {
    dir = await tempDir('orchgen-many-');
    mkdirSync(join(dir.path, 'logs'));
    const lines = ['version: 1', `project: ${project}`, 'services:'];
    for (let i = 0; i < services; i++) {
      const port = firstPort + i;
      lines.push(
        `  s${i}:`,
        `    command: [python3, -c, "import http.server, sys; http.server.HTTPServer(('127.0.0.1', int(sys.argv[3])), http.server.SimpleHTTPRequestHandler).serve_forever()", --stack, ${project}, "${port}"]`,
        `    health: {http: "http://127.0.0.1:${port}/", interval: 1s, timeout: 1s, retries: 30}`,
        '    restart: "no"',
      );
    }
    lines.push('targets:', `  supervisor: {log_dir: ${join(dir.path, 'logs')}}`);
    spec = join(dir.path, 'orchgen.yaml');
    writeFileSync(spec, `${lines.join('\n')}\n`);
    up = await cli('up');
  }, 300_000);

  afterAll(async () => {
    if (spec) await cli('down');
    await dir?.cleanup();
  }, 300_000);

  it('starts every service, and supervisord says each is running', async () => {
    expect(up.exitCode, up.all).toBe(0);
    const status = await execa('supervisorctl', ['-c', join(dir.path, '.orchgen', 'supervisor', 'supervisord.conf'), 'status'], { reject: false });
    expect(status.stdout.split('\n').filter((line) => line.startsWith(`${project}-`) && /\bRUNNING\b/.test(line))).toHaveLength(services);
    expect(await ours()).toHaveLength(services);
  });

  it('down leaves none of them running', async () => {
    const down = await cli('down');
    expect(down.exitCode, down.all).toBe(0);
    expect(await ours()).toEqual([]);
  }, 300_000);
});
