/**
 * One container that sets entrypoint (with a command after it), cap_add, extra_hosts and init, run
 * by Compose, supervisord and PM2: inside it, each took effect.
 */
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { composeV2 } from '../../support/compose-cli.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasDocker, hasPm2, hasSupervisord } from '../../support/tools.js';
import { boxUnderCompose, boxUnderPm2, boxUnderSupervisord } from '../one-container.js';
import { waitFor } from '../pm2/live.js';

/** The entrypoint's shell writes its $0 and $1 (the entrypoint's last word, then the command) and idles. */
const script = 'echo "$0 $1" > /tmp/args; trap "exit 0" TERM; while :; do sleep 1; done';

function spec(project: string, extra = ''): string {
  return `version: 1
project: ${project}
services:
  box:
    image: ${BUSYBOX_IMAGE}
    entrypoint: ${JSON.stringify(['sh', '-c', script, 'from-entrypoint'])}
    command: [from-command]
    cap_add: [NET_ADMIN]
    extra_hosts: {probe.internal: 10.1.2.3}
    init: true
    stop: { timeout: 5s }
${extra}`;
}

const netAdminBit = 12n;

/** What the running container shows: the args its entrypoint got, PID 1's name, NET_ADMIN in its capabilities, its /etc/hosts line. */
async function inside(container: string) {
  const exec = async (...argv: string[]) => (await execa('docker', ['exec', container, ...argv], { reject: false, stdin: 'ignore' })).stdout;
  const args = await waitFor('the entrypoint to write its arguments', async () => (await exec('cat', '/tmp/args')) || undefined, 60_000);
  const capEff = /CapEff:\s*([0-9a-f]+)/.exec(await exec('grep', 'CapEff', '/proc/1/status'))?.[1] ?? '0';
  return {
    args,
    pid1: (await exec('cat', '/proc/1/comm')).trim(),
    netAdmin: ((BigInt(`0x${capEff}`) >> netAdminBit) & 1n) === 1n,
    hosts: (await exec('cat', '/etc/hosts')).split('\n').filter((line) => line.includes('probe.internal')),
  };
}

const expected = { args: 'from-entrypoint from-command', pid1: 'docker-init', netAdmin: true, hosts: ['10.1.2.3\tprobe.internal'] };

await describeWithTool('container keys in a Compose service (v2)', allTools(hasDocker, hasBusyboxImage, composeV2.check), () => {
  const box = boxUnderCompose(composeV2, `orchgen-ck-${process.pid}`, spec);

  it('a plain busybox container has no NET_ADMIN, so the check below can fail', async () => {
    const r = await execa('docker', ['run', '--rm', BUSYBOX_IMAGE, 'grep', 'CapEff', '/proc/self/status'], { stdin: 'ignore' });
    const capEff = /CapEff:\s*([0-9a-f]+)/.exec(r.stdout)![1]!;
    expect(((BigInt(`0x${capEff}`) >> netAdminBit) & 1n) === 1n).toBe(false);
  }, 60_000);

  it('runs the entrypoint with the command after it, under an init, with NET_ADMIN and the extra host', async () => {
    expect(await inside(await box())).toEqual(expected);
  }, 90_000);
});

await describeWithTool('container keys in a container run by supervisord', allTools(hasSupervisord, hasBusyboxImage), () => {
  const container = boxUnderSupervisord(`orchgen-ck-sv-${process.pid}`, spec);

  it('runs the entrypoint with the command after it, under an init, with NET_ADMIN and the extra host', async () => {
    expect(await inside(container)).toEqual(expected);
  }, 90_000);
});

await describeWithTool('container keys in a container run by PM2', allTools(hasPm2, hasBusyboxImage), () => {
  const container = boxUnderPm2(`orchgen-ck-pm2-${process.pid}`, spec);

  it('runs the entrypoint with the command after it, under an init, with NET_ADMIN and the extra host', async () => {
    expect(await inside(container)).toEqual(expected);
  }, 90_000);
});
