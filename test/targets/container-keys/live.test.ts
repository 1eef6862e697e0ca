/**
 * One container that sets entrypoint (with a command after it), cap_add, extra_hosts and init, run
 * by Compose, supervisord and PM2: inside it, each took effect.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeV2 } from '../../support/compose-cli.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasDocker, hasPm2, hasSupervisord, tempDir, withIsolatedPm2, type IsolatedPm2, type TempDir } from '../../support/tools.js';
import { buildTo } from '../compose/support.js';
import { buildInto as buildPm2 } from '../pm2/support.js';
import { startOnly, waitFor } from '../pm2/live.js';
import { buildInto as buildSupervisor, startSupervisord, writeMainConf, yamlString, type Supervisord } from '../supervisor/helpers.js';

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
  const project = `orchgen-ck-${process.pid}`;
  let dir: TempDir;
  let composeDir = '';
  beforeAll(async () => {
    dir = await tempDir('orchgen-ck-compose-');
    composeDir = (await buildTo(spec(project), join(dir.path, 'orchgen.yaml'), join(dir.path, 'build'))).composeDir;
    const up = await composeV2.run(['up', '-d', '--no-color'], composeDir, {}, 120_000);
    expect(up.exitCode, up.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    if (composeDir !== '') await composeV2.run(['down', '-v', '--remove-orphans'], composeDir, {}, 120_000);
    await dir?.cleanup();
  }, 180_000);

  it('a plain busybox container has no NET_ADMIN, so the check below can fail', async () => {
    const r = await execa('docker', ['run', '--rm', BUSYBOX_IMAGE, 'grep', 'CapEff', '/proc/self/status'], { stdin: 'ignore' });
    const capEff = /CapEff:\s*([0-9a-f]+)/.exec(r.stdout)![1]!;
    expect(((BigInt(`0x${capEff}`) >> netAdminBit) & 1n) === 1n).toBe(false);
  }, 60_000);

  it('runs the entrypoint with the command after it, under an init, with NET_ADMIN and the extra host', async () => {
    const ps = await execa('docker', ['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=box'], { stdin: 'ignore' });
    expect(await inside(ps.stdout.trim())).toEqual(expected);
  }, 90_000);
});

await describeWithTool('container keys in a container run by supervisord', allTools(hasSupervisord, hasBusyboxImage), () => {
  const project = `orchgen-ck-sv-${process.pid}`;
  const container = `${project}-box`;
  let dir: TempDir;
  let supervisord: Supervisord | undefined;
  beforeAll(async () => {
    dir = await tempDir('orchgen-ck-supervisor-');
    const built = buildSupervisor(dir.path, spec(project, `targets:\n  supervisor: { log_dir: ${yamlString(`${dir.path}/logs`)} }\n`));
    supervisord = await startSupervisord(writeMainConf(dir.path, built.conf));
    await supervisord.waitRunning([container]);
  }, 120_000);
  afterAll(async () => {
    await supervisord?.shutdown();
    await execa('docker', ['rm', '-f', container], { reject: false, stdin: 'ignore' });
    await dir?.cleanup();
  }, 120_000);

  it('runs the entrypoint with the command after it, under an init, with NET_ADMIN and the extra host', async () => {
    expect(await inside(container)).toEqual(expected);
  }, 90_000);
});

await describeWithTool('container keys in a container run by PM2', allTools(hasPm2, hasBusyboxImage), () => {
  const project = `orchgen-ck-pm2-${process.pid}`;
  const container = `${project}-box`;
  let pm2: IsolatedPm2 | undefined;
  let dir: TempDir;
  beforeAll(async () => {
    pm2 = await withIsolatedPm2();
    dir = await tempDir('orchgen-ck-pm2-');
    const { ecosystem, built } = buildPm2(join(dir.path, 'stack'), spec(project));
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await startOnly(pm2, ecosystem, container);
  }, 120_000);
  afterAll(async () => {
    await pm2?.kill();
    await execa('docker', ['rm', '-f', container], { reject: false, stdin: 'ignore' });
    await execa('docker', ['network', 'rm', `${project}_default`], { reject: false, stdin: 'ignore' });
    await dir?.cleanup();
  }, 120_000);

  it('runs the entrypoint with the command after it, under an init, with NET_ADMIN and the extra host', async () => {
    expect(await inside(container)).toEqual(expected);
  }, 90_000);
});
