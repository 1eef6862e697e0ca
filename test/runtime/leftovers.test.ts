import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import {
  allTools,
  BUSYBOX_IMAGE,
  describeWithTool,
  hasBusyboxImage,
  hasDocker,
  hasPm2,
  hasSupervisord,
  isAlive,
  tempDir,
  withIsolatedPm2,
  type IsolatedPm2,
  type TempDir,
  type ToolCheck,
} from '../support/tools.js';

/**
 * `down` and the rollback of `up` say "nothing left" only after looking (processes and `docker ps
 * -a`), and name what is left otherwise. Every claim is checked here with `ps` and `docker ps -a`.
 */

interface Case {
  target: 'supervisor' | 'pm2' | 'compose';
  check: () => Promise<ToolCheck>;
  /** The tool also runs host processes: a process that escapes it can be left behind. */
  hostProcesses: boolean;
  targetSettings(dir: string): string;
}

const cases: Case[] = [
  { target: 'supervisor', check: () => allTools(hasSupervisord, hasDocker, hasBusyboxImage), hostProcesses: true, targetSettings: (dir) => `supervisor: {log_dir: ${dir}/logs}` },
  { target: 'pm2', check: () => allTools(hasPm2, hasDocker, hasBusyboxImage), hostProcesses: true, targetSettings: () => 'pm2: {}' },
  { target: 'compose', check: () => allTools(hasDocker, hasBusyboxImage), hostProcesses: false, targetSettings: () => 'compose: {}' },
];

/** A container whose PID 1, a shell, ignores SIGTERM: only the stop timeout's SIGKILL ends it. */
const box = ['  box:', `    image: ${BUSYBOX_IMAGE}`, '    network: host', `    command: [sh, -c, 'trap "" TERM; while :; do sleep 1; done']`];

/**
 * A host process that leaves a child of its own session behind (SIGTERM ignored, parent gone): no
 * process group, tree or stop timeout of the tool reaches it. It inherits the service's environment.
 */
const leaky = (escaped: string, main: string) => [
  '  leaky:',
  `    command: [sh, -c, '(trap "" TERM; setsid sleep ${escaped} </dev/null >/dev/null 2>&1 &); exec sleep ${main}']`,
];

const failing = ['  bad:', '    command: [sh, -c, "exit 1"]', '    depends_on: [leaky]'];

for (const { target, check, hostProcesses, targetSettings } of cases) {
  await describeWithTool(`nothing left, checked (${target})`, check, () => {
    let tmp: TempDir;
    let pm2: IsolatedPm2 | undefined;
    let env: Record<string, string> = {};
    let counter = 0;
    // Unique sleep lengths: `ps` finds exactly this run's processes by them.
    const base = 7_000_000 + process.pid * 10 + 2 * cases.findIndex((c) => c.target === target);
    const escaped = String(base);
    const main = String(base + 1);

    beforeAll(async () => {
      tmp = await tempDir(`orchgen-leftovers-${target}-`);
      if (target === 'pm2') {
        pm2 = await withIsolatedPm2();
        env = { PM2_HOME: pm2.home, PM2_DISCRETE_MODE: 'true' };
      }
    });
    afterAll(async () => {
      for (const pid of await pidsOf(escaped)) process.kill(pid, 'SIGKILL');
      await pm2?.kill();
      await tmp.cleanup();
    });

    const stack = (services: string[]) => {
      const project = `left${target.slice(0, 3)}${process.pid}n${++counter}`;
      const spec = join(tmp.path, `${project}.yaml`);
      const lines = ['version: 1', `project: ${project}`, 'defaults: {restart: "no", stop: {timeout: 1s}}', 'services:', ...services, 'targets:', `  ${targetSettings(tmp.path)}`];
      writeFileSync(spec, `${lines.join('\n')}\n`);
      const run = (command: string) => orchgen([command, '-f', spec, '-t', target], { cwd: tmp.path, env });
      return { project, run };
    };

    test('a container whose PID 1 ignores SIGTERM: down removes it, looks, and says nothing is left', async () => {
      const { project, run } = stack(box);
      const up = await run('up');
      expect(up.code, up.stdout + up.stderr).toBe(0);
      expect(await containersOf(project)).toHaveLength(1);
      const down = await run('down');
      expect(down.stderr).toBe('');
      expect(down.stdout).toContain(`${project}: down, nothing left running\n`);
      expect(down.code).toBe(0);
      expect(await containersOf(project)).toEqual([]);
    });

    if (!hostProcesses) return;

    test('a process that escaped the tool: down names it and exits 6; once it is gone, down says nothing is left', async () => {
      const { project, run } = stack([...box, ...leaky(escaped, main)]);
      const up = await run('up');
      expect(up.code, up.stdout + up.stderr).toBe(0);
      const [pid] = await pidsOf(escaped);
      expect(pid).toBeDefined();
      expect(await containersOf(project)).toHaveLength(1);

      const down = await run('down');
      expect(down.stdout).not.toContain('nothing left');
      expect(down.stderr).toBe(`still there after down: process ${pid} (sleep) of ${project}-leaky\n`);
      expect(down.code).toBe(6);
      // What it says is what ps and docker see: the escaped process alone, no container.
      expect(isAlive(pid!)).toBe(true);
      expect(await pidsOf(main)).toEqual([]);
      expect(await containersOf(project)).toEqual([]);

      process.kill(pid!, 'SIGKILL');
      const again = await run('down');
      expect(again.stdout).toContain(`${project}: down, nothing left running\n`);
      expect(again.code).toBe(0);
      expect(await pidsOf(escaped)).toEqual([]);
    });

    test('a rollback that leaves a process: up names it in its last line and exits 6', async () => {
      const { project, run } = stack([...box, ...leaky(escaped, main), ...failing]);
      const up = await run('up');
      const [pid] = await pidsOf(escaped);
      expect(pid).toBeDefined();
      const last = up.stdout.trim().split('\n').pop();
      expect(last).toBe(`failed: essential service bad did not come up; rolled back, but still there: process ${pid} (sleep) of ${project}-leaky`);
      expect(up.code).toBe(6);
      expect(isAlive(pid!)).toBe(true);
      expect(await pidsOf(main)).toEqual([]);
      expect(await containersOf(project)).toEqual([]);
      process.kill(pid!, 'SIGKILL');
      expect((await run('down')).code).toBe(0);
    });
  });
}

/** The project's containers, running or not, as `docker ps -a` lists them (by name and by Compose's label). */
async function containersOf(project: string): Promise<string[]> {
  const byName = await execa('docker', ['ps', '-a', '--filter', `name=^${project}-`, '--format', '{{.Names}}']);
  const byLabel = await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}}']);
  return [...new Set([...byName.stdout.split('\n'), ...byLabel.stdout.split('\n')].filter(Boolean))];
}

/** Pids of the processes whose command line is `sleep <seconds>`, as `ps` lists them. */
async function pidsOf(seconds: string): Promise<number[]> {
  const result = await execa('ps', ['-eo', 'pid=,args=']);
  return result.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, command, arg, ...rest]) => command === 'sleep' && arg === seconds && rest.length === 0)
    .map(([pid]) => Number(pid));
}
