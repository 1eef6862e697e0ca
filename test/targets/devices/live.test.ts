import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeV1, composeV2, type ComposeCli } from '../../support/compose-cli.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasDocker, hasSupervisord, tempDir, type TempDir } from '../../support/tools.js';
import { buildTo } from '../compose/support.js';
import { buildInto, sleep, startSupervisord, writeMainConf, yamlString, type Supervisord } from '../supervisor/helpers.js';

/** /dev/null exists on every host, so the container must see it again, as a character device, at /dev/xnull. */
const device = '/dev/null:/dev/xnull';

function spec(project: string, extra = ''): string {
  return `version: 1
project: ${project}
services:
  box:
    image: ${BUSYBOX_IMAGE}
    command: [sh, -c, "trap 'exit 0' TERM; while :; do sleep 1; done"]
    devices: ["${device}"]
    stop: { timeout: 5s }
${extra}`;
}

/** `test -c /dev/xnull` inside the running container, as docker exec sees it. */
async function seesCharDevice(container: string): Promise<number> {
  for (let tries = 0; tries < 120; tries++) {
    const running = await execa('docker', ['inspect', '-f', '{{.State.Running}}', container], { reject: false, stdin: 'ignore' });
    if (running.stdout.trim() === 'true') break;
    await sleep(250);
  }
  const r = await execa('docker', ['exec', container, 'test', '-c', '/dev/xnull'], { reject: false, stdin: 'ignore' });
  return r.exitCode ?? -1;
}

async function absentWithoutDevice(): Promise<number> {
  const r = await execa('docker', ['run', '--rm', BUSYBOX_IMAGE, 'test', '-e', '/dev/xnull'], { reject: false, stdin: 'ignore' });
  return r.exitCode ?? -1;
}

for (const cli of [composeV2, composeV1] as readonly ComposeCli[]) {
  await describeWithTool(`devices in a Compose service (${cli.name})`, allTools(hasDocker, hasBusyboxImage, cli.check), () => {
    const project = `orchgen-dev-${cli.version}-${process.pid}`;
    let dir: TempDir;
    let composeDir = '';
    beforeAll(async () => {
      dir = await tempDir('orchgen-devices-compose-');
      const built = await buildTo(spec(project), join(dir.path, 'orchgen.yaml'), join(dir.path, 'build'));
      composeDir = built.composeDir;
      const up = await cli.run(['up', '-d', '--no-color'], composeDir, {}, 120_000);
      expect(up.exitCode, up.stderr).toBe(0);
    }, 180_000);
    afterAll(async () => {
      if (composeDir !== '') await cli.run(['down', '-v', '--remove-orphans'], composeDir, {}, 120_000);
      await dir?.cleanup();
    }, 180_000);

    it('gives the container /dev/null as the character device /dev/xnull', async () => {
      expect(await absentWithoutDevice()).toBe(1);
      const ps = await execa('docker', ['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=box'], { stdin: 'ignore' });
      const id = ps.stdout.trim();
      expect(id).toMatch(/^[0-9a-f]+$/);
      expect(await seesCharDevice(id)).toBe(0);
    }, 60_000);
  });
}

await describeWithTool('devices in a container run by supervisord', allTools(hasSupervisord, hasBusyboxImage), () => {
  const project = `orchgen-dev-sv-${process.pid}`;
  const container = `${project}-box`;
  let dir: TempDir;
  let supervisord: Supervisord | undefined;
  beforeAll(async () => {
    dir = await tempDir('orchgen-devices-supervisor-');
    const built = buildInto(dir.path, spec(project, `targets:\n  supervisor: { log_dir: ${yamlString(`${dir.path}/logs`)} }\n`));
    supervisord = await startSupervisord(writeMainConf(dir.path, built.conf));
    await supervisord.waitRunning([container]);
  }, 120_000);
  afterAll(async () => {
    await supervisord?.shutdown();
    await execa('docker', ['rm', '-f', container], { reject: false, stdin: 'ignore' });
    await dir?.cleanup();
  }, 120_000);

  it('gives the container /dev/null as the character device /dev/xnull', async () => {
    expect(await absentWithoutDevice()).toBe(1);
    expect(await seesCharDevice(container)).toBe(0);
  }, 60_000);
});
