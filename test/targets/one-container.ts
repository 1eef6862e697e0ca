/**
 * One container service, `box`, run by Compose, supervisord or PM2 for a live test: each function
 * registers the suite's beforeAll and afterAll, and gives the running container's name or id.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ComposeCli } from '../support/compose-cli.js';
import { tempDir, withIsolatedPm2, type IsolatedPm2, type TempDir } from '../support/tools.js';
import { buildTo } from './compose/support.js';
import { buildInto as buildPm2 } from './pm2/support.js';
import { startOnly } from './pm2/live.js';
import { buildInto as buildSupervisor, startSupervisord, writeMainConf, yamlString, type Supervisord } from './supervisor/helpers.js';

/** The spec of the project, with `extra` (top-level keys) appended. */
export type BoxSpec = (project: string, extra?: string) => string;

const docker = (args: string[]) => execa('docker', args, { reject: false, stdin: 'ignore' });

/** `docker compose up -d` of the built Compose file; the container id of `box` once it is up. */
export function boxUnderCompose(cli: ComposeCli, project: string, spec: BoxSpec): () => Promise<string> {
  let dir: TempDir;
  let composeDir = '';
  beforeAll(async () => {
    dir = await tempDir(`${project}-compose-`);
    composeDir = (await buildTo(spec(project), join(dir.path, 'orchgen.yaml'), join(dir.path, 'build'))).composeDir;
    const up = await cli.run(['up', '-d', '--no-color'], composeDir, {}, 120_000);
    expect(up.exitCode, up.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    if (composeDir !== '') await cli.run(['down', '-v', '--remove-orphans'], composeDir, {}, 120_000);
    await dir?.cleanup();
  }, 180_000);
  return async () => {
    const ps = await docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=box']);
    const id = ps.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]+$/);
    return id;
  };
}

/** supervisord running the built conf; the container, `<project>-box`, once its program runs. */
export function boxUnderSupervisord(project: string, spec: BoxSpec): string {
  const container = `${project}-box`;
  let dir: TempDir;
  let supervisord: Supervisord | undefined;
  beforeAll(async () => {
    dir = await tempDir(`${project}-supervisor-`);
    const built = buildSupervisor(dir.path, spec(project, `targets:\n  supervisor: { log_dir: ${yamlString(`${dir.path}/logs`)} }\n`));
    supervisord = await startSupervisord(writeMainConf(dir.path, built.conf));
    await supervisord.waitRunning([container]);
  }, 120_000);
  afterAll(async () => {
    await supervisord?.shutdown();
    await removeBox(project);
    await dir?.cleanup();
  }, 120_000);
  return container;
}

/** An isolated PM2 starting the built ecosystem's `<project>-box` app; the container's name. */
export function boxUnderPm2(project: string, spec: BoxSpec): string {
  const container = `${project}-box`;
  let pm2: IsolatedPm2 | undefined;
  let dir: TempDir;
  beforeAll(async () => {
    pm2 = await withIsolatedPm2();
    dir = await tempDir(`${project}-pm2-`);
    const { ecosystem, built } = buildPm2(join(dir.path, 'stack'), spec(project));
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await startOnly(pm2, ecosystem, container);
  }, 120_000);
  afterAll(async () => {
    await pm2?.kill();
    await removeBox(project);
    await dir?.cleanup();
  }, 120_000);
  return container;
}

/** The container and the project network, whatever state the tool left them in. */
async function removeBox(project: string): Promise<void> {
  await docker(['rm', '-f', `${project}-box`]);
  await docker(['network', 'rm', `${project}_default`]);
}
