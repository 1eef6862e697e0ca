import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  allTools,
  BUSYBOX_IMAGE,
  describeWithTool,
  hasBusyboxImage,
  hasDocker,
  hasPm2,
  hasSupervisord,
  tempDir,
  withIsolatedPm2,
  type IsolatedPm2,
  type TempDir,
  type ToolCheck,
} from '../support/tools.js';
import { orchgen } from './run.js';

interface Case {
  target: 'supervisor' | 'pm2' | 'compose';
  check: () => Promise<ToolCheck>;
  /** A service that sleeps for `seconds` then exits with `code`; `marker` is in what it runs. */
  service(name: string, seconds: number, code: number, marker: string): string[];
  /** Its `targets:` entry, for a stack in `dir`. */
  targetSettings(dir: string): string;
  /** The stack's processes or containers running now, seen without orchgen. */
  running(marker: string, project: string): Promise<string[]>;
}

/**
 * The interpreter itself, not the `python3` on PATH: that may be a shim (pyenv's), whose chain of
 * scripts carries the marker too for a moment after each start.
 */
const python = (await execa('python3', ['-c', 'import sys; print(sys.executable)'], { reject: false })).stdout.trim() || 'python3';

const pythonService = (name: string, seconds: number, code: number, marker: string) => [
  `  ${name}:`,
  `    command: [${JSON.stringify(python)}, -c, "import sys, time; time.sleep(${seconds}); sys.exit(${code})", ${marker}]`,
];
const processesOf = async (marker: string) => (await execa('pgrep', ['-f', marker], { reject: false })).stdout.split('\n').filter(Boolean);

const cases: Case[] = [
  { target: 'supervisor', check: hasSupervisord, service: pythonService, targetSettings: (dir) => `supervisor: {log_dir: ${dir}/logs}`, running: processesOf },
  { target: 'pm2', check: hasPm2, service: pythonService, targetSettings: () => 'pm2: {}', running: processesOf },
  {
    target: 'compose',
    check: () => allTools(hasDocker, hasBusyboxImage),
    service: (name, seconds, code) => [`  ${name}:`, `    image: ${BUSYBOX_IMAGE}`, `    command: [sh, -c, "sleep ${seconds}; exit ${code}"]`],
    targetSettings: () => 'compose: {network_mode: host}',
    async running(_marker, project) {
      const listed = await execa('docker', ['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'status=running'], { reject: false });
      return listed.stdout.split('\n').filter(Boolean);
    },
  },
];

for (const { target, check, service, targetSettings, running } of cases) {
  await describeWithTool(`status of a stack that is down (${target})`, check, () => {
    let tmp: TempDir;
    let pm2: IsolatedPm2 | undefined;
    let env: Record<string, string> = {};
    const marker = `orchgen-status-down-${target}-${process.pid}`;
    const project = `sd-${target}-${process.pid}`;
    const run = (...args: string[]) => orchgen([...args, '-t', target], { cwd: tmp.path, env });
    const processes = () => running(marker, project);

    beforeAll(async () => {
      tmp = await tempDir('orchgen-status-down-');
      if (target === 'pm2') {
        pm2 = await withIsolatedPm2();
        env = { PM2_HOME: pm2.home };
      }
      const lines = ['version: 1', `project: ${project}`, 'defaults: {restart: "no", stop: {timeout: 1s}}', 'services:'];
      lines.push(...service('db', 600, 0, marker), ...service('job', 2, 3, marker), 'targets:', `  ${targetSettings(tmp.path)}`);
      writeFileSync(join(tmp.path, 'orchgen.yaml'), `${lines.join('\n')}\n`);
    });
    afterAll(async () => {
      await run('down');
      await pm2?.kill();
      await tmp.cleanup();
    });

    describe('in order', () => {
      test('before any up: down, exit 4', async () => {
        expect((await run('build')).code).toBe(0);
        const status = await run('status', '--json');
        expect(JSON.parse(status.stdout).overall).toBe('down');
        expect(status.code).toBe(4);
      });

      test('a service that ended on its own is not down: unhealthy, exit 2', async () => {
        const up = await run('up');
        expect(up.code, up.stderr).toBe(0);
        expect(await processes()).toHaveLength(2);
        // `job` exits with 3 two seconds after it started
        const deadline = Date.now() + 10_000;
        while ((await processes()).length > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        expect(await processes()).toHaveLength(1);
        const status = await run('status', '--json');
        const parsed = JSON.parse(status.stdout) as { overall: string; services: { service: string; state: string; exitCode?: number }[] };
        expect(parsed.services.find((s) => s.service === 'job')).toMatchObject({ state: 'exited', exitCode: 3 });
        expect(parsed.overall).toBe('unhealthy');
        expect(status.code).toBe(2);
      });

      test('after a clean down: down, exit 4, and nothing of it runs', async () => {
        const down = await run('down');
        expect(down.code, down.stderr).toBe(0);
        expect(await processes()).toEqual([]);
        const status = await run('status');
        expect(status.stdout.endsWith(`\n${project} (${target}): down\n`)).toBe(true);
        expect(status.stderr).toBe('');
        expect(status.code).toBe(4);
      });
    });
  });
}
