/**
 * An external volume under Compose, supervisord, PM2 and systemd: while it is missing the tool reports the
 * failed start and no volume appears (docker run would make it new and empty); once it exists the
 * container mounts it by its own name and sees what is in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeV2 } from '../../support/compose-cli.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasDocker, hasPm2, hasSupervisord, tempDir, withIsolatedPm2, hasSystemdImage, type SystemdContainer } from '../../support/tools.js';
import { buildTo } from '../compose/support.js';
import { boxUnderCompose, boxUnderPm2, boxUnderSupervisord, type BoxSpec } from '../one-container.js';
import { buildInto as buildPm2 } from '../pm2/support.js';
import { jlist, startOnly, waitFor } from '../pm2/live.js';
import { renderSpec } from '../systemd/support.js';
import { installUnits, removeProjectContainers, runId, startLiveContainer } from '../systemd/live.js';
import { buildInto as buildSupervisor, startSupervisord, writeMainConf, yamlString } from '../supervisor/helpers.js';

const docker = (...args: string[]) => execa('docker', args, { reject: false, stdin: 'ignore' });

/** The volume `data`, external under `volume`; two quick failed starts and the tool gives up. */
const specWith = (volume: string) => (project: string, extra = '') => `version: 1
project: ${project}
services:
  box:
    image: ${BUSYBOX_IMAGE}
    command: [sh, -c, "cat /data/marker; trap 'exit 0' TERM; while :; do sleep 1; done"]
    volumes: [data:/data]
    restart: { policy: on-failure, max_attempts: 2 }
    stop: { timeout: 5s }
volumes:
  data: { external: true, name: ${volume} }
${extra}`;

const volumeExists = async (volume: string) => (await docker('volume', 'inspect', volume)).exitCode === 0;

/** Whether the failed start left the container, or a volume docker run made, behind. */
async function leftBehind(container: string, volume: string) {
  return { container: (await docker('container', 'inspect', container)).exitCode === 0, volume: await volumeExists(volume) };
}

/** Registers a volume name for the suite, removed (if anything made it) after the suite. */
function missingVolume(tag: string): string {
  const volume = `orchgen-extvol-${tag}-${process.pid}`;
  afterAll(async () => {
    await docker('volume', 'rm', '-f', volume);
  });
  return volume;
}

/** Like missingVolume, but created with /data/marker holding `hi` before the suite's stack starts. */
function existingVolume(tag: string): string {
  const volume = missingVolume(tag);
  beforeAll(async () => {
    expect((await docker('volume', 'create', volume)).exitCode).toBe(0);
    const write = await docker('run', '--rm', '-v', `${volume}:/data`, BUSYBOX_IMAGE, 'sh', '-c', 'echo hi > /data/marker');
    expect(write.exitCode, write.stderr).toBe(0);
  }, 60_000);
  return volume;
}

/** What the running container reads from the mounted volume. */
async function markerSeenBy(container: string): Promise<string> {
  return waitFor('the container to read /data/marker', async () => {
    const r = await docker('exec', container, 'cat', '/data/marker');
    return r.exitCode === 0 ? r.stdout.trim() : undefined;
  }, 60_000);
}

/** PM2's states of an app that exited and is not running again (a restart delay keeps it `waiting restart`). */
const givenUp = ['errored', 'waiting restart', 'stopped'];

/**
 * The project, container and volume of a suite whose volume stays missing; `folder` and `onCleanup`
 * register what its afterAll undoes (in reverse), before it removes the container and the volume.
 */
function missingVolumeStack(tag: string) {
  const project = `orchgen-extvol-${tag}-${process.pid}`;
  const container = `${project}-box`;
  const volume = missingVolume(tag);
  const undo: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const step of undo.reverse()) await step();
    await docker('rm', '-f', container);
  }, 120_000);
  const onCleanup = (step: () => Promise<unknown>) => undo.push(step);
  const folder = async () => {
    const dir = await tempDir(`${project}-`);
    onCleanup(() => dir.cleanup());
    return dir.path;
  };
  return { project, container, volume, folder, onCleanup };
}

/** The suite's stack, started by `start` on the volume made beforehand, runs a container that reads the volume's file. */
function seesTheVolume(tag: string, start: (project: string, spec: BoxSpec) => string | (() => Promise<string>)): void {
  const volume = existingVolume(tag);
  const box = start(`orchgen-extvol-${tag}-${process.pid}`, specWith(volume));
  it('the container sees the file written into the volume beforehand', async () => {
    expect(await markerSeenBy(typeof box === 'string' ? box : await box())).toBe('hi');
  }, 90_000);
}

const needsDocker = (...more: Parameters<typeof allTools>) => allTools(hasDocker, hasBusyboxImage, ...more);

await describeWithTool('a missing external volume under Compose (v2)', needsDocker(composeV2.check), () => {
  const { project, volume, folder, onCleanup } = missingVolumeStack('cm');

  it('`docker compose up` fails naming the volume, runs no container and makes no volume', async () => {
    const dir = await folder();
    const { composeDir } = await buildTo(specWith(volume)(project), join(dir, 'orchgen.yaml'), join(dir, 'build'));
    onCleanup(() => composeV2.run(['down', '--remove-orphans'], composeDir, {}, 120_000));
    const up = await composeV2.run(['up', '-d', '--no-color'], composeDir, {}, 120_000);
    expect(up.exitCode).not.toBe(0);
    expect(up.stderr).toContain(volume);
    const containers = await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`);
    expect(containers.stdout.trim()).toBe('');
    expect(await volumeExists(volume)).toBe(false);
  }, 180_000);
});

await describeWithTool('an existing external volume under Compose (v2)', needsDocker(composeV2.check), () => {
  seesTheVolume('cp', (project, spec) => boxUnderCompose(composeV2, project, spec));
});

await describeWithTool('a missing external volume under supervisord', allTools(hasSupervisord, hasBusyboxImage), () => {
  const { project, container, volume, folder, onCleanup } = missingVolumeStack('sm');

  it('the program ends FATAL with the reason in its log, no container ran and no volume was made', async () => {
    const dir = await folder();
    const built = buildSupervisor(dir, specWith(volume)(project, `targets:\n  supervisor: { log_dir: ${yamlString(`${dir}/logs`)} }\n`));
    const supervisord = await startSupervisord(writeMainConf(dir, built.conf));
    onCleanup(() => supervisord.shutdown());
    const status = await waitFor('the program to give up', async () => {
      const r = await supervisord.ctl(['status', container]);
      return /\sFATAL\s/.test(r.stdout) ? r.stdout : undefined;
    }, 60_000);
    expect(status).toMatch(/FATAL/);
    expect((await supervisord.ctl(['tail', container])).stdout).toContain(`external volume ${volume} does not exist`);
    expect(await leftBehind(container, volume)).toEqual({ container: false, volume: false });
  }, 120_000);
});

await describeWithTool('an existing external volume under supervisord', allTools(hasSupervisord, hasBusyboxImage), () => {
  seesTheVolume('sp', boxUnderSupervisord);
});

await describeWithTool('a missing external volume under PM2', allTools(hasPm2, hasBusyboxImage), () => {
  const { project, container, volume, folder, onCleanup } = missingVolumeStack('pm');

  it('the app fails its restarts with the reason in its log, no container ran and no volume was made', async () => {
    const pm2 = await withIsolatedPm2();
    onCleanup(() => pm2.kill());
    const { ecosystem } = buildPm2(join(await folder(), 'stack'), specWith(volume)(project));
    await startOnly(pm2, ecosystem, container);
    const app = await waitFor('the app to fail its restarts', async () => (await jlist(pm2)).find((p) => p.name === container && p.pm2_env.restart_time >= 2 && givenUp.includes(p.pm2_env.status)), 60_000);
    expect(givenUp).toContain(app.pm2_env.status);
    expect(readFileSync(String(app.pm2_env.pm_err_log_path), 'utf8')).toContain(`external volume ${volume} does not exist`);
    expect(await leftBehind(container, volume)).toEqual({ container: false, volume: false });
  }, 120_000);
});

await describeWithTool('an existing external volume under PM2', allTools(hasPm2, hasBusyboxImage), () => {
  seesTheVolume('pp', boxUnderPm2);
});

await describeWithTool('an external volume under systemd', allTools(hasSystemdImage, hasBusyboxImage), () => {
  // Registered first, so their volumes go last, after the containers that mount them.
  const missing = missingVolume('ym');
  const present = existingVolume('yp');
  let systemd: SystemdContainer | undefined;
  const projects: string[] = [];
  beforeAll(async () => {
    systemd = await startLiveContainer('systemd-external-volume');
  }, 120_000);
  afterAll(async () => {
    await systemd?.stop();
    await removeProjectContainers(projects);
  }, 120_000);

  /** Installs the units of a one-container project on `volume`; its box unit. */
  async function installBox(volume: string): Promise<string> {
    const project = runId('xv');
    projects.push(project);
    await installUnits(systemd!, renderSpec(specWith(volume)(project)).artifacts);
    return `${project}-box`;
  }

  describe('while the volume is missing', () => {
    it('systemctl start fails with the reason in the journal, no container ran and no volume was made', async () => {
      const volume = missing;
      const box = await installBox(volume);
      const start = await systemd!.exec(['systemctl', 'start', `${box}.service`], { timeout: 90_000 });
      expect(start.exitCode).not.toBe(0);
      const journal = await systemd!.exec(['journalctl', '--no-pager', '-u', `${box}.service`]);
      expect(journal.stdout).toContain(`external volume ${volume} does not exist`);
      expect(await leftBehind(box, volume)).toEqual({ container: false, volume: false });
    }, 120_000);
  });

  describe('once the volume exists', () => {
    it('the container sees the file written into the volume beforehand', async () => {
      const box = await installBox(present);
      expect((await systemd!.exec(['systemctl', 'start', `${box}.service`], { timeout: 90_000 })).exitCode).toBe(0);
      expect(await markerSeenBy(box)).toBe('hi');
      await systemd!.exec(['systemctl', 'stop', `${box}.service`], { timeout: 60_000 });
    }, 120_000);
  });
});
