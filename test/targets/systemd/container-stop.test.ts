import { stringify } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUSYBOX_IMAGE, describeWithTool, hasSystemdImage, type SystemdContainer } from '../../support/tools.js';
import { containersNamed, installUnits, removeProjectContainers, runId, show, startLiveContainer, waitUntil } from './live.js';
import { renderSpec, sh } from './support.js';

/** Container units under systemd: nothing is left behind, whatever way the unit ends; images are pulled apart. */
await describeWithTool('systemd runs container units to their end', hasSystemdImage, () => {
  let container: SystemdContainer;

  beforeAll(async () => {
    container = await startLiveContainer('systemd-container-stop');
  });
  const projects: string[] = [];
  afterAll(async () => {
    await container?.stop();
    await removeProjectContainers(projects);
  });

  const install = async (services: object) => {
    const project = runId('cx');
    projects.push(project);
    const rendered = renderSpec(stringify({ version: 1, project, services }));
    await installUnits(container, rendered.artifacts);
    return project;
  };

  it('a start whose health check never passes fails the unit and leaves no container, though PID 1 ignores SIGTERM', async () => {
    const project = await install({
      box: {
        image: BUSYBOX_IMAGE,
        command: ['sleep', '600'],
        health: { exec: ['false'], interval: '1s', timeout: '1s', retries: 1 },
        stop: { timeout: '1s' },
        restart: 'no',
      },
    });
    const unit = `${project}-box.service`;
    const start = await container.exec(['systemctl', 'start', unit], { timeout: 90_000 });
    expect(start.exitCode).not.toBe(0);
    expect(await show(container, unit, 'ActiveState')).toBe('failed');
    expect(await show(container, unit, 'Result')).toBe('timeout');
    expect(await containersNamed(`${project}-box`)).toBe('');
  });

  it('systemctl stop of a container whose PID 1 ignores SIGTERM leaves no container within the stop timeout', async () => {
    const project = await install({ web: { image: BUSYBOX_IMAGE, command: ['httpd', '-f', '-p', '127.0.0.1:0'], network: 'host', stop: { timeout: '2s' } } });
    const unit = `${project}-web.service`;
    await sh(container, `systemctl start ${unit}`);
    await waitUntil(container, `docker inspect -f '{{.State.Running}}' ${project}-web 2>/dev/null | grep -q true`);
    const began = Date.now();
    await container.exec(['systemctl', 'stop', unit], { timeout: 60_000 });
    const took = Date.now() - began;
    // docker stop -t 2 kills it after 2 s; TimeoutStopSec= is 7 s.
    expect(took).toBeLessThan(7_000);
    expect(await containersNamed(`${project}-web`)).toBe('');
    // Killed after the grace period: 137 is not a clean stop.
    expect([await show(container, unit, 'ActiveState'), await show(container, unit, 'Result')]).toEqual(['failed', 'exit-code']);
    expect(await show(container, unit, 'ExecMainStatus')).toBe('137');
    await sh(container, `systemctl reset-failed ${unit}`);
  });

  it('a stop with the stop signal is clean, and the container logs under the service name', async () => {
    const project = await install({
      talker: { image: BUSYBOX_IMAGE, command: ['sh', '-c', "trap 'exit 130' INT; echo hello from talker; while :; do sleep 0.1; done"], stop: { signal: 'SIGINT', timeout: '5s' } },
    });
    const unit = `${project}-talker.service`;
    await sh(container, `systemctl start ${unit}`);
    await waitUntil(container, `journalctl -o cat SYSLOG_IDENTIFIER=talker _SYSTEMD_UNIT=${unit} | grep -q 'hello from talker'`);
    await sh(container, `systemctl stop ${unit}`);
    expect([await show(container, unit, 'ActiveState'), await show(container, unit, 'Result')]).toEqual(['inactive', 'success']);
    expect(await containersNamed(`${project}-talker`)).toBe('');
  });

  it('the image is pulled by its own unit before the service starts; a failed pull starts no container', async () => {
    const project = await install({
      box: { image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
      // A registry that refuses at once: the pull fails without any network.
      gone: { image: '127.0.0.1:9/orchgen-test/absent:1', command: ['sleep', '600'] },
    });
    const pull = `${project}-image-orchgen-test-busybox-1.service`;
    await sh(container, `systemctl start ${project}-box.service`);
    expect([await show(container, pull, 'ActiveState'), await show(container, pull, 'SubState')]).toEqual(['active', 'exited']);
    const pulled = Number(await show(container, pull, 'ActiveEnterTimestampMonotonic'));
    expect(pulled).toBeGreaterThan(0);
    expect(Number(await show(container, `${project}-box.service`, 'ExecMainStartTimestampMonotonic'))).toBeGreaterThanOrEqual(pulled);

    const failed = await container.exec(['systemctl', 'start', `${project}-gone.service`], { timeout: 60_000 });
    expect(failed.exitCode).not.toBe(0);
    expect(await show(container, `${project}-image-127-0-0-1-9-orchgen-test-absent-1.service`, 'ActiveState')).toBe('failed');
    expect(await show(container, `${project}-gone.service`, 'ExecMainStartTimestampMonotonic')).toBe('0');
    expect(await containersNamed(`${project}-gone`)).toBe('');
    await sh(container, `systemctl stop ${project}.target; systemctl reset-failed`);
    // The target's stop takes the pull unit with it (once the services it ran are stopped).
    await waitUntil(container, `[ -z "$(systemctl list-units '${project}-*' --state=active,activating,deactivating --plain --no-legend)" ]`);
    expect(await show(container, pull, 'ActiveState')).toBe('inactive');
  });

  it('a restart of docker.service restarts the container units with it (Requires=)', async () => {
    const project = await install({ box: { image: BUSYBOX_IMAGE, command: ['sleep', '600'], stop: { timeout: '1s' } } });
    const unit = `${project}-box.service`;
    await sh(container, `systemctl start ${unit}`);
    const before = await show(container, unit, 'MainPID');
    // The stand-in docker.service of this container: restarting it is what a dockerd restart asks of systemd.
    await sh(container, 'systemctl restart docker.service', 60_000);
    await waitUntil(container, `[ "$(systemctl show -p ActiveState --value ${unit})" = active ] && [ "$(systemctl show -p MainPID --value ${unit})" != ${before} ]`);
    await waitUntil(container, `docker inspect -f '{{.State.Running}}' ${project}-box 2>/dev/null | grep -q true`);
    await sh(container, `systemctl stop ${unit}`, 30_000);
  });
});
