import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { allTools, describeWithTool, hasDocker, hasSystemdImage, startSystemdContainer, type SystemdContainer } from '../support/tools.js';

/**
 * `down` through systemd (PID 1 of a container, driven from outside) says "nothing left" only after
 * looking at the processes of the units' cgroups, and names a process a unit left behind otherwise.
 * Every claim is checked with `ps` inside the container. (No Docker engine runs inside it, so no
 * container service here: the other targets' test covers a container whose PID 1 ignores SIGTERM.)
 */

const check = await allTools(hasDocker, hasSystemdImage);
const root = mkdtempSync('/tmp/orchgen-leftovers-systemd-');
const unitDir = join(root, 'units');
mkdirSync(unitDir);
const box: SystemdContainer | undefined = check.ok ? await startSystemdContainer('leftovers', { binds: [`${root}:${root}`, `${unitDir}:/usr/local/lib/systemd/system`] }) : undefined;
afterAll(async () => {
  await box?.stop();
  rmSync(root, { recursive: true, force: true });
});

const escaped = String(8_000_000 + process.pid * 10);
const main = String(8_000_001 + process.pid * 10);

await describeWithTool('nothing left, checked (systemd)', check, () => {
  let counter = 0;
  const stack = (service: string[]) => {
    const project = `leftsys${process.pid}n${++counter}`;
    const spec = join(root, `${project}.yaml`);
    writeFileSync(spec, ['version: 1', `project: ${project}`, 'defaults: {restart: "no", stop: {timeout: 1s}}', 'services:', ...service, ''].join('\n'));
    const run = (command: string) => orchgen([command, '-f', spec, '-t', 'systemd', '--systemctl', `docker exec ${box!.name} systemctl`, ...(command === 'up' ? ['--unit-dir', unitDir] : [])]);
    return { project, run };
  };
  /** Pids of `sleep <seconds>` inside the container, as its own ps lists them. */
  const sleeping = async (seconds: string) => {
    const ps = await box!.exec(['ps', '-eo', 'pid=,args=']);
    return ps.stdout.split('\n').map((l) => l.trim().split(/\s+/)).filter(([, c, a, ...r]) => c === 'sleep' && a === seconds && r.length === 0).map(([pid]) => Number(pid));
  };

  test('a service whose process ignores SIGTERM: killed at its stop timeout, and down says nothing is left', async () => {
    const { project, run } = stack(['  stubborn:', `    command: [sh, -c, 'trap "" TERM; exec sleep ${main}']`]);
    expect((await run('up')).code).toBe(0);
    expect(await sleeping(main)).toHaveLength(1);
    const down = await run('down');
    expect(down.stderr).toBe('');
    expect(down.stdout).toContain(`${project}: down, nothing left running\n`);
    expect(down.code).toBe(0);
    expect(await sleeping(main)).toEqual([]);
  });

  test('a unit that leaves a process in its cgroup (KillMode=process): down names it and exits 6', async () => {
    const service = [
      '  leaky:',
      `    command: [sh, -c, '(trap "" TERM; exec sleep ${escaped}) & exec sleep ${main}']`,
      '    native: {systemd: {Service: {KillMode: process}}}',
    ];
    const { project, run } = stack(service);
    expect((await run('up')).code).toBe(0);
    const [inside] = await sleeping(escaped);
    expect(inside).toBeDefined();
    const down = await run('down');
    expect(down.stdout).not.toContain('nothing left');
    expect(down.stderr).toMatch(new RegExp(`^still there after down: process \\d+ \\(sleep\\) of ${project}-leaky\\.service\\n$`));
    expect(down.code).toBe(6);
    // The unit is inactive, yet its process runs: systemd's own look and ps agree with what down said.
    expect((await box!.exec(['systemctl', 'is-active', `${project}-leaky.service`])).stdout.trim()).toBe('inactive');
    expect(await sleeping(escaped)).toEqual([inside]);
    expect(await sleeping(main)).toEqual([]);
    await box!.exec(['kill', '-9', String(inside)]);
    const again = await run('down');
    expect(again.stdout).toContain(`${project}: down, nothing left running\n`);
    expect(again.code).toBe(0);
  });
});
