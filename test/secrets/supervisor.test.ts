import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { runtimeConf } from '../../src/runtime/supervisor/runtime-conf.js';
import { orchgen } from '../cli/run.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasSupervisord } from '../support/tools.js';
import { filesUnder, leaksAfterUp, receivedBy, removeContainer, waitForFile, writeSecretStack } from './support.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();
const root = mkdtempSync(join(tmpdir(), 'orchgen-secrets-supervisor-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

await describeWithTool('secrets through a real supervisord', allTools(hasSupervisord, hasBusyboxImage), () => {
  test('a host process and a container receive every secret byte for byte; nothing orchgen prints or keeps holds one', async () => {
    const dir = join(root, 'live');
    const stack = writeSecretStack(dir, 'secsv', { python, image: BUSYBOX_IMAGE }, { supervisor: { log_dir: join(dir, 'logs') } });
    const cli = (command: string) => orchgen([command, '-t', 'supervisor', '-f', stack.spec], { env: stack.env });
    try {
      const up = await cli('up');
      expect(up.code, up.stderr).toBe(0);
      expect(await receivedBy(stack, ['proc', 'box'])).toEqual([stack.expected, stack.expected]);
      const kept = filesUnder(join(dir, '.orchgen'));
      expect(kept.length).toBeGreaterThan(0);
      const leaks = leaksAfterUp(up, kept);
      expect(leaks).toEqual([]);
    } finally {
      const down = await cli('down');
      await removeContainer('secsv-box');
      expect(down.code).toBe(0);
    }
  });

  test('started without orchgen, supervisord refuses to run a program whose secret is unset, naming the variable', async () => {
    const dir = join(root, 'unset');
    const stack = writeSecretStack(dir, 'secsvu', { python }, { supervisor: { log_dir: join(dir, 'logs') } });
    const build = await orchgen(['build', '-t', 'supervisor', '-f', stack.spec]);
    expect(build.code).toBe(0);
    const state = join(dir, 'state');
    const main = join(dir, 'supervisord.conf');
    await execa('mkdir', ['-p', state, join(dir, 'logs')]);
    writeFileSync(main, runtimeConf(state, join(dir, 'out', 'supervisor', 'secsvu.conf')));
    const { VAULT_0: _, ...withoutOne } = stack.env;
    const env = { ...withoutOne, PATH: process.env.PATH ?? '' };
    await execa('supervisord', ['-c', main], { env, extendEnv: false });
    try {
      const log = join(dir, 'logs', 'proc.log');
      await waitForFile(log);
      await expect.poll(() => readFileSync(log, 'utf8'), { timeout: 10_000 }).toContain('VAULT_0: secret S0 of service proc is read from VAULT_0: set it');
      const status = await execa('supervisorctl', ['-c', main, 'status', 'secsvu:secsvu-proc'], { reject: false });
      expect(status.stdout).not.toContain('RUNNING');
    } finally {
      await execa('supervisorctl', ['-c', main, 'shutdown'], { reject: false });
    }
  });
});
