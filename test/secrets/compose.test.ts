import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasComposeV1 } from '../support/tools.js';
import { filesUnder, leaksAfterUp, receivedBy, writeSecretStack } from './support.js';

const root = mkdtempSync(join(tmpdir(), 'orchgen-secrets-compose-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

await describeWithTool('secrets through Docker Compose', allTools(hasComposeV1, hasBusyboxImage), () => {
  test('a container receives every secret byte for byte; nothing orchgen prints or keeps holds one; down needs none of them', async () => {
    const dir = join(root, 'live');
    const stack = writeSecretStack(dir, 'secco', { image: BUSYBOX_IMAGE });
    const cli = (command: string, env: Record<string, string> = {}) => orchgen([command, '-t', 'compose', '-f', stack.spec], { env });
    try {
      const up = await cli('up', stack.env);
      expect(up.code, up.stderr).toBe(0);
      expect(await receivedBy(stack, ['box'])).toEqual([stack.expected]);
      const files = [...filesUnder(join(dir, '.orchgen')), ...filesUnder(join(dir, 'out'))];
      const leaks = leaksAfterUp(up, files);
      expect(leaks).toEqual([]);
    } finally {
      const down = await cli('down');
      expect(down.code, down.stderr).toBe(0);
      const containers = await execa('docker', ['ps', '-aq', '--filter', 'label=com.docker.compose.project=secco']);
      expect(containers.stdout).toBe('');
    }
  });

  test('started without orchgen, Compose refuses to start while a secret is unset, naming it', async () => {
    const dir = join(root, 'unset');
    const stack = writeSecretStack(dir, 'seccou', { image: BUSYBOX_IMAGE });
    expect((await orchgen(['build', '-t', 'compose', '-f', stack.spec])).code).toBe(0);
    const { VAULT_5: _, ...withoutOne } = stack.env;
    const compose = join(dir, 'out', 'compose', 'compose.yaml');
    const started = await execa('docker-compose', ['-p', 'seccou', '-f', compose, 'up', '-d'], { env: { ...withoutOne }, reject: false, all: true });
    expect(started.exitCode).not.toBe(0);
    expect(started.all).toContain('in service "box": secret S5 of service box is read from VAULT_5: set it');
    const containers = await execa('docker', ['ps', '-aq', '--filter', 'label=com.docker.compose.project=seccou']);
    expect(containers.stdout).toBe('');
  });
});
