import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUSYBOX_IMAGE, allTools, describeWithTool, hasBusyboxImage, hasPm2, tempDir, withIsolatedPm2, type IsolatedPm2, type TempDir } from '../../support/tools.js';
import { hostileArgs, hostileEnv, hostileEnvYaml, startOnly, waitFor } from './live.js';
import { buildInto } from './support.js';

const project = 'pm2ctr';
const container = `${project}-box`;

async function containerExists(): Promise<boolean> {
  const { stdout } = await execa('docker', ['ps', '-a', '-q', '--filter', `name=^${container}$`]);
  return stdout.trim() !== '';
}

/** NUL-separated strings as /proc writes them, each ended by a NUL. */
function nulList(file: string): string[] {
  return readFileSync(file, 'utf8').split('\0').slice(0, -1);
}

await describeWithTool('pm2 runs containers through the docker CLI', allTools(hasPm2, hasBusyboxImage), () => {
  let pm2: IsolatedPm2;
  let work: TempDir;
  beforeAll(async () => {
    pm2 = await withIsolatedPm2();
    work = await tempDir('orchgen-pm2-ctr-');
  });
  afterAll(async () => {
    await pm2?.kill();
    await execa('docker', ['rm', '-f', container], { reject: false });
    await work?.cleanup();
  });

  it('passes hostile env values and arguments into the container, and pm2 stop removes it', async () => {
    const stack = path.join(work.path, 'stack');
    const seen = path.join(stack, 'seen');
    mkdirSync(seen, { recursive: true });
    const script = 'cat /proc/1/cmdline > /seen/cmdline; cat /proc/1/environ > /seen/environ.tmp; mv /seen/environ.tmp /seen/environ; exec sleep 1000';
    const yaml = [
      'version: 1',
      `project: ${project}`,
      'services:',
      '  box:',
      `    image: ${BUSYBOX_IMAGE}`,
      `    command: ${JSON.stringify(['sh', '-c', script, 'sh', ...hostileArgs])}`,
      `    env: ${hostileEnvYaml()}`,
      '    volumes: ["./seen:/seen"]',
      '    stop: { timeout: 1s }',
      '',
    ].join('\n');
    const { ecosystem, built } = buildInto(stack, yaml);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await startOnly(pm2, ecosystem, container);

    await waitFor('the container to report', () => (existsSync(path.join(seen, 'environ')) ? true : undefined), 30_000);
    expect(nulList(path.join(seen, 'cmdline')).slice(4)).toEqual(hostileArgs);
    const environ = new Map(nulList(path.join(seen, 'environ')).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
    for (const [key, value] of Object.entries(hostileEnv)) expect([key, environ.get(key)]).toEqual([key, value]);

    expect(await containerExists()).toBe(true);
    const stopped = await pm2.pm2(['stop', container]);
    expect(stopped.exitCode).toBe(0);
    await waitFor('the container to be removed', async () => ((await containerExists()) ? undefined : true), 20_000);
  });
});
