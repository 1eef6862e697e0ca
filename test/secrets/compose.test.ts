import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { composeClis, type ComposeCli } from '../support/compose-cli.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage } from '../support/tools.js';
import { filesUnder, leaksAfterUp, receivedBy, writeSecretStack } from './support.js';

const root = mkdtempSync(join(tmpdir(), 'orchgen-secrets-compose-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

for (const cli of composeClis) {
  await describeWithTool(`secrets through Docker Compose (${cli.name})`, allTools(cli.check, hasBusyboxImage), () => secretsSuite(cli));
}

function secretsSuite(cli: ComposeCli): void {
  test('a container receives every secret byte for byte; nothing orchgen prints or keeps holds one; down needs none of them', async () => {
    const project = `secco${cli.version}`;
    const dir = join(root, project);
    const stack = writeSecretStack(dir, project, { image: BUSYBOX_IMAGE });
    const run = (command: string, env: Record<string, string> = {}) => orchgen([command, '-t', 'compose', '-f', stack.spec], { env: { ...env, ...cli.env } });
    try {
      const up = await run('up', stack.env);
      expect(up.code, up.stderr).toBe(0);
      expect(await createdBy(project)).toEqual([cli.version]);
      expect(await receivedBy(stack, ['box'])).toEqual([stack.expected]);
      const files = [...filesUnder(join(dir, '.orchgen')), ...filesUnder(join(dir, 'out'))];
      const leaks = leaksAfterUp(up, files);
      expect(leaks).toEqual([]);
    } finally {
      const down = await run('down');
      expect(down.code, down.stderr).toBe(0);
      const containers = await execa('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`]);
      expect(containers.stdout).toBe('');
    }
  });

  test('started without orchgen, Compose refuses to start while a secret is unset, naming it', async () => {
    const project = `seccou${cli.version}`;
    const dir = join(root, project);
    const stack = writeSecretStack(dir, project, { image: BUSYBOX_IMAGE });
    expect((await orchgen(['build', '-t', 'compose', '-f', stack.spec])).code).toBe(0);
    const { VAULT_5: _, ...withoutOne } = stack.env;
    const started = await cli.run(['-p', project, '-f', 'compose.yaml', 'up', '-d'], join(dir, 'out', 'compose'), withoutOne);
    expect(started.exitCode).not.toBe(0);
    expect(started.stderr).toContain(unsetSecretError[cli.version]);
    const containers = await execa('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`]);
    expect(containers.stdout).toBe('');
  });
}

/** How each Compose names the unset variable, around the message the generated file gives it. */
const unsetSecretError = {
  v2: 'error while interpolating services.box.environment.S5: required variable VAULT_5 is missing a value: secret S5 of service box is read from VAULT_5: set it',
  v1: 'in service "box": secret S5 of service box is read from VAULT_5: set it',
};

/** Which Compose made the project's containers: `v2` or `v1`, from the label each version writes. */
async function createdBy(project: string): Promise<string[]> {
  const result = await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Label "com.docker.compose.version"}}']);
  return result.stdout.split('\n').filter(Boolean).map((version) => `v${version.split('.')[0]}`);
}
