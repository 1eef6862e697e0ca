import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasPm2, withIsolatedPm2 } from '../support/tools.js';
import { filesUnder, leaksAfterUp, receivedBy, removeContainer, writeSecretStack } from './support.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();
const root = mkdtempSync(join(tmpdir(), 'orchgen-secrets-pm2-'));
const pm2 = await withIsolatedPm2();
afterAll(async () => {
  await pm2.kill();
  rmSync(root, { recursive: true, force: true });
});

await describeWithTool('secrets through a real PM2', allTools(hasPm2, hasBusyboxImage), () => {
  test('a host process and a container receive every secret byte for byte; nothing orchgen prints or keeps holds one', async () => {
    const dir = join(root, 'live');
    const stack = writeSecretStack(dir, 'secpm', { python, image: BUSYBOX_IMAGE });
    const cli = (command: string) => orchgen([command, '-t', 'pm2', '-f', stack.spec], { env: { ...stack.env, PM2_HOME: pm2.home } });
    try {
      const up = await cli('up');
      expect(up.code, up.stderr).toBe(0);
      expect(await receivedBy(stack, ['proc', 'box'])).toEqual([stack.expected, stack.expected]);
      const kept = filesUnder(join(dir, '.orchgen'));
      const artifacts = filesUnder(join(dir, 'out'));
      expect(artifacts.length).toBeGreaterThan(0);
      const leaks = leaksAfterUp(up, [...kept, ...artifacts]);
      expect(leaks).toEqual([]);
    } finally {
      const down = await cli('down');
      await removeContainer('secpm-box');
      expect(down.code).toBe(0);
    }
  });

  test('started without orchgen, PM2 refuses the file while a secret is unset, naming the app, the key and the variable', async () => {
    const dir = join(root, 'unset');
    const stack = writeSecretStack(dir, 'secpmu', { python });
    expect((await orchgen(['build', '-t', 'pm2', '-f', stack.spec])).code).toBe(0);
    const { VAULT_3: _, ...withoutOne } = stack.env;
    const started = await execa(join(process.cwd(), 'node_modules', '.bin', 'pm2'), ['start', join(dir, 'out', 'pm2', 'ecosystem.config.cjs')], {
      env: { ...pm2.env, ...withoutOne },
      reject: false,
      all: true,
    });
    expect(started.exitCode).not.toBe(0);
    expect(started.all).toContain('secpmu-proc: secret S3 is read from VAULT_3, which is not set: export it before pm2 start');
    const listed = await pm2.pm2(['jlist']);
    expect(JSON.parse(listed.stdout.slice(listed.stdout.indexOf('[')))).toEqual([]);
  });
});
