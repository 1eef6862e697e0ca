import { stringify } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUSYBOX_IMAGE, describeWithTool, hasSystemdImage, type SystemdContainer } from '../../support/tools.js';
import { installUnits, removeProjectContainers, runId, show, startLiveContainer, waitForFile, waitUntil } from './live.js';
import { renderSpec, sh } from './support.js';

/**
 * Dependencies as systemd itself runs them: a dependency that crashes is restarted alone, a dependent
 * still waits for it and does not start without it, the stop goes in reverse, and the target starts
 * only what is essential or enabled.
 */
await describeWithTool('systemd runs the dependencies of the units', hasSystemdImage, () => {
  let container: SystemdContainer;

  beforeAll(async () => {
    container = await startLiveContainer('systemd-dependencies');
    await sh(container, 'mkdir -p /var/lib/gate');
  });
  const projects: string[] = [];
  afterAll(async () => {
    await container?.stop();
    await removeProjectContainers(projects);
  });

  it('a dependency whose container is killed is restarted after RestartSec; its dependent keeps running, the same process', async () => {
    const project = runId('dk');
    projects.push(project);
    const box = (extra: object) => ({ image: BUSYBOX_IMAGE, command: ['sleep', '600'], network: 'host', stop: { timeout: '1s' }, ...extra });
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: {
          db: box({ health: { exec: ['true'], interval: '1s', timeout: '2s', retries: 3 }, restart: { policy: 'always', delay: '2s' } }),
          // Two restarts at most: had systemd restarted it with each of db's, the fourth would end it (start-limit-hit).
          api: box({ depends_on: { db: 'healthy' }, restart: { policy: 'on-failure', delay: '1s', max_attempts: 2 } }),
        },
      }),
    );
    await installUnits(container, rendered.artifacts);
    const db = `${project}-db.service`;
    const api = `${project}-api.service`;
    await sh(container, `systemctl start ${project}.target`, 90_000);
    expect(await show(container, api, 'ActiveState')).toBe('active');
    const apiPid = await show(container, api, 'MainPID');
    const apiStarted = (await sh(container, `docker inspect -f '{{.State.StartedAt}}' ${project}-api`)).trim();

    for (let kill = 1; kill <= 4; kill += 1) {
      const dbStarted = (await sh(container, `docker inspect -f '{{.State.StartedAt}}' ${project}-db`)).trim();
      const killedAt = Date.now();
      await sh(container, `docker kill ${project}-db`);
      await waitUntil(container, `[ "$(systemctl show -p NRestarts --value ${db})" = ${kill} ] && [ "$(systemctl show -p ActiveState --value ${db})" = active ]`);
      // RestartSec=2s: systemd waited before it ran the container again.
      expect(Date.now() - killedAt).toBeGreaterThanOrEqual(1_900);
      expect((await sh(container, `docker inspect -f '{{.State.StartedAt}}' ${project}-db`)).trim()).not.toBe(dbStarted);
    }

    expect(await show(container, api, 'ActiveState')).toBe('active');
    expect(await show(container, api, 'MainPID')).toBe(apiPid);
    expect(await show(container, api, 'NRestarts')).toBe('0');
    expect((await sh(container, `ps -o pid= -p ${apiPid}`)).trim()).toBe(apiPid);
    expect((await sh(container, `docker inspect -f '{{.State.StartedAt}}' ${project}-api`)).trim()).toBe(apiStarted);
    await sh(container, `systemctl stop ${project}.target`, 60_000);
  });

  it('a dependent does not start when its required dependency failed to start, and its program never runs', async () => {
    const project = runId('df');
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: {
          db: { command: ['/bin/sleep', '600'], health: { exec: ['/bin/false'], interval: '1s', timeout: '1s', retries: 1 }, restart: 'no' },
          api: { command: ['/bin/sh', '-c', `touch /var/lib/gate/${project}-api-ran; exec sleep 600`], depends_on: { db: 'healthy' } },
          side: { command: ['/bin/sh', '-c', `touch /var/lib/gate/${project}-side-ran; exec sleep 600`], depends_on: { db: { condition: 'healthy', required: false } } },
        },
      }),
    );
    await installUnits(container, rendered.artifacts);
    await sh(container, `systemctl start ${project}.target`, 90_000);
    expect(await show(container, `${project}-db.service`, 'ActiveState')).toBe('failed');
    const api = `${project}-api.service`;
    expect(await show(container, api, 'ActiveState')).toBe('inactive');
    expect(await show(container, api, 'ExecMainStartTimestampMonotonic')).toBe('0');
    expect(await show(container, api, 'NRestarts')).toBe('0');
    expect((await container.exec(['test', '-e', `/var/lib/gate/${project}-api-ran`])).exitCode).not.toBe(0);
    await waitForFile(container, `/var/lib/gate/${project}-side-ran`);
    expect(await show(container, `${project}-side.service`, 'ActiveState')).toBe('active');
    await sh(container, `systemctl stop ${project}.target; systemctl reset-failed`);
  });

  it('the stack stops in reverse order: a dependent before its dependency', async () => {
    const project = runId('so');
    const gate = `/var/lib/gate/${project}`;
    // The handler uses builtins alone: systemd keeps signalling the unit's cgroup until no new process
    // appears in it, so a program the handler started (`date`) could be killed before it wrote.
    const stopping = (name: string) => ['/bin/sh', '-c', `trap 'echo ${name} >> ${gate}-stops; exit 0' TERM; touch ${gate}-${name}-up; while :; do sleep 0.1; done`];
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: {
          db: { command: stopping('db'), health: { exec: ['test', '-f', `${gate}-db-up`], interval: '1s', timeout: '1s', retries: 10 } },
          api: { command: stopping('api'), depends_on: { db: 'healthy' }, stop: { timeout: '5s' } },
        },
      }),
    );
    await installUnits(container, rendered.artifacts);
    await sh(container, `systemctl start ${project}.target`, 60_000);
    await waitForFile(container, `${gate}-api-up`);
    await sh(container, `systemctl stop ${project}.target`, 60_000);
    expect((await waitForFile(container, `${gate}-stops`)).trim().split('\n')).toEqual(['api', 'db']);
  });

  it('the target starts the essential services; an optional one once enabled, and no more once disabled', async () => {
    const project = runId('op');
    const rendered = renderSpec(
      stringify({ version: 1, project, services: { core: { command: ['/bin/sleep', '600'] }, extra: { command: ['/bin/sleep', '600'], essential: false } } }),
    );
    await installUnits(container, rendered.artifacts);
    const extra = `${project}-extra.service`;
    const restartTarget = () => sh(container, `systemctl stop ${project}.target && systemctl start ${project}.target`, 60_000);
    await sh(container, `systemctl start ${project}.target`);
    expect(await show(container, `${project}-core.service`, 'ActiveState')).toBe('active');
    expect(await show(container, extra, 'ActiveState')).toBe('inactive');
    await sh(container, `systemctl enable ${extra}`);
    await restartTarget();
    expect(await show(container, extra, 'ActiveState')).toBe('active');
    await sh(container, `systemctl disable ${extra}`);
    await restartTarget();
    expect(await show(container, extra, 'ActiveState')).toBe('inactive');
    await sh(container, `systemctl stop ${project}.target`);
  });
});
