import { execa } from 'execa';
import { expect, it } from 'vitest';
import { composeV1, composeV2, type ComposeCli } from '../../support/compose-cli.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasDocker, hasSupervisord } from '../../support/tools.js';
import { boxUnderCompose, boxUnderSupervisord } from '../one-container.js';
import { sleep } from '../supervisor/helpers.js';

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
    const box = boxUnderCompose(cli, `orchgen-dev-${cli.version}-${process.pid}`, spec);

    it('gives the container /dev/null as the character device /dev/xnull', async () => {
      expect(await absentWithoutDevice()).toBe(1);
      expect(await seesCharDevice(await box())).toBe(0);
    }, 60_000);
  });
}

await describeWithTool('devices in a container run by supervisord', allTools(hasSupervisord, hasBusyboxImage), () => {
  const container = boxUnderSupervisord(`orchgen-dev-sv-${process.pid}`, spec);

  it('gives the container /dev/null as the character device /dev/xnull', async () => {
    expect(await absentWithoutDevice()).toBe(1);
    expect(await seesCharDevice(container)).toBe(0);
  }, 60_000);
});
