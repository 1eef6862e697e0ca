import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { cliEntry } from '../cli/run.js';
import { allTools, describeWithTool, hasBusyboxImage, hasComposeV1, hasComposeV2, hasDocker } from '../support/tools.js';
import { writeStack } from './stack.js';

const root = mkdtempSync(join(tmpdir(), 'orchgen-compose-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The major versions of Compose (from the label each writes) that made the project's containers. */
async function composeVersions(project: string): Promise<string[]> {
  const result = await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Label "com.docker.compose.version"}}']);
  return result.stdout.split('\n').filter(Boolean).map((version) => `v${version.split('.')[0]}`);
}

/** `orchgen up` of a one-service stack with ORCHGEN_COMPOSE set to `choice` (unset when undefined). */
async function upWith(project: string, choice: string | undefined) {
  const stack = await writeStack(join(root, project), project, 'busybox', [{ name: 'web', delay: 0.1 }], 'targets:\n  compose: {network_mode: host}\n');
  const env = { ...process.env, ORCHGEN_COMPOSE: choice };
  if (choice === undefined) delete env.ORCHGEN_COMPOSE;
  const run = (command: string) => execa('node', [cliEntry, command, '-t', 'compose', '-f', stack.spec], { env: { ...env, NO_COLOR: '1' }, extendEnv: false, reject: false });
  return { up: await run('up'), down: () => run('down') };
}

const unique = (name: string) => `${name}${process.pid}`;

await describeWithTool('orchgen up -t compose picks the Compose CLI', allTools(hasDocker, hasBusyboxImage, hasComposeV2, hasComposeV1), () => {
  const choices = [
    { title: 'Compose v2 when `docker compose version` answers, though docker-compose (v1) is on PATH too', project: 'cliauto', choice: undefined, used: 'v2' },
    { title: 'ORCHGEN_COMPOSE=v1 forces docker-compose, and down goes through it too', project: 'cliv1', choice: 'v1', used: 'v1' },
  ];
  test.each(choices)('$title', async ({ project: name, choice, used }) => {
    const project = unique(name);
    const { up, down } = await upWith(project, choice);
    try {
      expect(up.exitCode, up.stdout + up.stderr).toBe(0);
      expect(await composeVersions(project)).toEqual([used]);
    } finally {
      expect((await down()).exitCode).toBe(0);
      expect(await composeVersions(project)).toEqual([]);
    }
  });

  test('an unknown ORCHGEN_COMPOSE is a preflight error, and nothing starts', async () => {
    const project = unique('clibad');
    const { up } = await upWith(project, 'v3');
    expect(up.exitCode).toBe(1);
    expect(up.stderr).toContain('ORCHGEN_COMPOSE=v3 is not one of v2, v1, auto');
    expect(up.stderr).not.toMatch(/\n\s+at /);
    expect(await composeVersions(project)).toEqual([]);
  });
});
