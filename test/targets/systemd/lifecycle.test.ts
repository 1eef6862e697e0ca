import { stringify } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUSYBOX_IMAGE, describeWithTool, hasSystemdImage, type SystemdContainer } from '../../support/tools.js';
import { freePort, installUnits, removeProjectContainers, runId, show, startLiveContainer, waitForStamp } from './live.js';
import { renderSpec, sh } from './support.js';

await describeWithTool('systemd runs the units: health gates, dependencies, stop', hasSystemdImage, () => {
  let container: SystemdContainer;

  beforeAll(async () => {
    container = await startLiveContainer('systemd-lifecycle');
    // The http probe uses curl, else wget: busybox gives wget to an image without either.
    await sh(container, 'command -v curl >/dev/null || command -v wget >/dev/null || ln -s /bin/busybox /usr/local/bin/wget; mkdir -p /var/lib/gate');
  });
  const projects: string[] = [];
  const newProject = (prefix: string) => {
    projects.push(runId(prefix));
    return projects[projects.length - 1]!;
  };
  afterAll(async () => {
    await container?.stop();
    await removeProjectContainers(projects);
  });

  it('a dependent of a healthy condition starts only after the health check passed', async () => {
    const project = newProject('hg');
    const port = await freePort();
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: {
          a: {
            command: `date +%s.%N > /var/lib/gate/${project}-a-start; sleep 2; date +%s.%N > /var/lib/gate/${project}-a-up; exec python3 -m http.server ${port} --bind 127.0.0.1`,
            health: { http: `http://127.0.0.1:${port}/`, interval: '1s', timeout: '1s', retries: 10 },
          },
          b: { command: ['/bin/sh', '-c', `date +%s.%N > /var/lib/gate/${project}-b-start; exec sleep 600`], depends_on: { a: 'healthy' } },
        },
      }),
    );
    expect(rendered.diagnostics).toEqual([]);
    await installUnits(container, rendered.artifacts);
    await sh(container, `systemctl start ${project}.target`, 90_000);

    const aStart = await waitForStamp(container, `/var/lib/gate/${project}-a-start`);
    const aUp = await waitForStamp(container, `/var/lib/gate/${project}-a-up`);
    const bStart = await waitForStamp(container, `/var/lib/gate/${project}-b-start`);
    expect(aUp - aStart).toBeGreaterThanOrEqual(2);
    expect(bStart).toBeGreaterThan(aUp);
    // systemd's own clock: a became active (its readiness wait ended) before b's program started.
    const aActive = Number(await show(container, `${project}-a.service`, 'ActiveEnterTimestampMonotonic'));
    const bExec = Number(await show(container, `${project}-b.service`, 'ExecMainStartTimestampMonotonic'));
    expect(aActive).toBeGreaterThan(0);
    expect(bExec).toBeGreaterThanOrEqual(aActive);
    await sh(container, `systemctl stop ${project}.target`);
    expect(await show(container, `${project}-a.service`, 'ActiveState')).toBe('inactive');
  });

  it('a dependency that never turns healthy fails: required dependents do not start, optional ones do', async () => {
    const project = newProject('hf');
    const port = await freePort();
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: {
          a: { command: ['/bin/sleep', '600'], health: { tcp: `127.0.0.1:${port}`, interval: '1s', timeout: '1s', retries: 1 }, restart: 'no' },
          needs: { command: ['/bin/sleep', '600'], depends_on: { a: 'healthy' } },
          wants: { command: ['/bin/sleep', '600'], depends_on: { a: { condition: 'healthy', required: false } } },
        },
      }),
    );
    await installUnits(container, rendered.artifacts);
    // The target only wants its services: it comes up, degraded, whatever they do.
    await sh(container, `systemctl start ${project}.target`, 90_000);
    expect(await show(container, `${project}-a.service`, 'ActiveState')).toBe('failed');
    expect(await show(container, `${project}-a.service`, 'Result')).toBe('timeout');
    expect(await show(container, `${project}-needs.service`, 'ActiveState')).toBe('inactive');
    expect(await show(container, `${project}-wants.service`, 'ActiveState')).toBe('active');
    await sh(container, `systemctl stop ${project}.target; systemctl reset-failed`);
  });

  it('a service others wait to complete runs to its end first', async () => {
    const project = newProject('oc');
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: {
          setup: { command: `sleep 1; date +%s.%N > /var/lib/gate/${project}-setup-done` },
          app: { command: ['/bin/sh', '-c', `date +%s.%N > /var/lib/gate/${project}-app-start; exec sleep 600`], depends_on: { setup: 'completed' } },
        },
      }),
    );
    await installUnits(container, rendered.artifacts);
    await sh(container, `systemctl start ${project}.target`, 60_000);
    const done = await waitForStamp(container, `/var/lib/gate/${project}-setup-done`);
    const start = await waitForStamp(container, `/var/lib/gate/${project}-app-start`);
    expect(start).toBeGreaterThan(done);
    expect(await show(container, `${project}-setup.service`, 'ActiveState')).toBe('active');
    expect(await show(container, `${project}-setup.service`, 'SubState')).toBe('exited');
    await sh(container, `systemctl stop ${project}.target`);
  });

  it('a container service restarts when killed from outside, stops through the engine and ends cleanly', async () => {
    const project = newProject('cs');
    const rendered = renderSpec(
      // PID 1 of the container ends on SIGTERM with 143, as a program killed by it would.
      stringify({ version: 1, project, services: { box: { image: BUSYBOX_IMAGE, command: ['sh', '-c', "trap 'exit 143' TERM; while :; do sleep 0.1; done"], stop: { timeout: '2s' } } } }),
    );
    await installUnits(container, rendered.artifacts);
    const unit = `${project}-box.service`;
    await sh(container, `systemctl start ${unit}`);
    const running = `timeout 20 sh -c 'until docker inspect -f {{.State.Running}} ${project}-box 2>/dev/null | grep -q true; do sleep 0.2; done'`;
    await sh(container, running);
    // Killed outside a stop: 137 is a crash, and on-failure restarts it.
    await sh(container, `docker kill ${project}-box`);
    await sh(container, `timeout 20 sh -c 'until [ "$(systemctl show -p NRestarts --value ${unit})" = 1 ]; do sleep 0.2; done'`);
    await sh(container, running);
    await sh(container, `systemctl stop ${unit}`, 30_000);
    // 143 (the stop signal's code) is a clean stop.
    expect(await show(container, unit, 'ExecMainStatus')).toBe('143');
    expect(await show(container, unit, 'Result')).toBe('success');
    expect(await show(container, unit, 'ActiveState')).toBe('inactive');
    const left = await container.exec(['docker', 'inspect', `${project}-box`]);
    expect(left.exitCode).not.toBe(0);
  });
});
