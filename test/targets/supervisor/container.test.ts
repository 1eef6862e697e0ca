import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasSupervisord, tempDir, type TempDir } from '../../support/tools.js';
import { buildInto, sleep, startSupervisord, waitFor, writeMainConf, yamlString, type Supervisord } from './helpers.js';
import { hostileEnv } from './hostile.js';

const project = `rtc${process.pid}${Date.now().toString(36)}`;
const container = `${project}-box`;

/** Dumps its environment NUL-separated into the mounted folder, then waits for TERM. */
const script = 'env -0 > /out/env.tmp && mv /out/env.tmp /out/env; trap "exit 0" TERM; while :; do sleep 1; done';

function spec(dir: string): string {
  return `version: 1
project: ${project}
services:
  box:
    image: ${BUSYBOX_IMAGE}
    command: ${JSON.stringify(['sh', '-c', script])}
    env: ${JSON.stringify(Object.fromEntries(hostileEnv))}
    env_required: [ORCHGEN_PASSED_THROUGH]
    volumes: ["./cout:/out"]
    stop: { timeout: 5s }
targets:
  supervisor: { log_dir: ${yamlString(`${dir}/logs`)} }
`;
}

await describeWithTool('supervisor target: a container run by supervisord through docker run', allTools(hasSupervisord, hasBusyboxImage), () => {
  let dir: TempDir;
  let supervisord: Supervisord | undefined;

  beforeAll(async () => {
    dir = await tempDir('orchgen-supervisor-ctr-');
    mkdirSync(path.join(dir.path, 'cout'));
    const built = buildInto(dir.path, spec(dir.path));
    process.env.ORCHGEN_PASSED_THROUGH = 'from supervisord ;#';
    try {
      supervisord = await startSupervisord(writeMainConf(dir.path, built.conf));
    } finally {
      delete process.env.ORCHGEN_PASSED_THROUGH;
    }
  });
  afterAll(async () => {
    await supervisord?.shutdown();
    await execa('docker', ['rm', '-f', container], { reject: false, stdin: 'ignore' });
    await execa('docker', ['network', 'rm', `${project}_default`], { reject: false, stdin: 'ignore' });
    await dir?.cleanup();
  });

  it('runs the container as a RUNNING program named after the service', async () => {
    await supervisord!.waitRunning([container]);
    // RUNNING is the wrapper's state: the container follows once the project network is there.
    let names = '';
    const deadline = Date.now() + 30_000;
    while (names !== container && Date.now() < deadline) {
      names = (await execa('docker', ['ps', '--filter', `name=^${container}$`, '--format', '{{.Names}}'], { stdin: 'ignore' })).stdout.trim();
      if (names !== container) await sleep(100);
    }
    expect(names).toBe(container);
  });

  it('passes every env value into the container exactly, through -e KEY', async () => {
    const file = path.join(dir.path, 'cout', 'env');
    await waitFor(() => (existsSync(file) ? true : undefined), 30_000, 'the env dump of the container');
    const env = new Map(
      readFileSync(file, 'utf8')
        .split('\0')
        .filter((entry) => entry !== '')
        .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as const),
    );
    for (const [key, value] of hostileEnv) expect({ key, value: env.get(key) }).toEqual({ key, value });
    expect(env.get('ORCHGEN_PASSED_THROUGH')).toBe('from supervisord ;#');
  });

  it('stops the container with the program', async () => {
    await supervisord!.ctl(['stop', container]);
    const deadline = Date.now() + 15_000;
    let names = container;
    while (names !== '' && Date.now() < deadline) {
      const ps = await execa('docker', ['ps', '-a', '--filter', `name=^${container}$`, '--format', '{{.Names}}'], { stdin: 'ignore' });
      names = ps.stdout.trim();
      if (names !== '') await sleep(250);
    }
    expect(names).toBe('');
  });
});
