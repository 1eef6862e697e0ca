import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasDocker, hasSystemdImage, startSystemdContainer, type SystemdContainer } from '../support/tools.js';
import { environProbe, filesUnder, leaksAfterUp, receivedBy, removeContainer, writeSecretStack } from './support.js';

const check = await allTools(hasDocker, hasSystemdImage, hasBusyboxImage);
const root = mkdtempSync('/tmp/orchgen-secrets-systemd-');
const unitDir = join(root, 'units');
mkdirSync(unitDir);
// systemd is PID 1 in a container with the host's network; the stack's folder is mounted at the same
// path, so the secrets files `up` writes on this side are the ones the units read there. The host's
// docker CLI and socket let container services run on the host's engine.
const docker = check.ok ? (await execa('sh', ['-c', 'command -v docker'])).stdout.trim() : '';
const box: SystemdContainer | undefined = check.ok
  ? await startSystemdContainer('secrets', {
      binds: [`${root}:${root}`, `${dirname(environProbe)}:${dirname(environProbe)}:ro`, `${unitDir}:/usr/local/lib/systemd/system`, `${docker}:/usr/bin/docker:ro`, '/run/docker.sock:/run/docker.sock'],
    })
  : undefined;
afterAll(async () => {
  await box?.stop();
  rmSync(root, { recursive: true, force: true });
});

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

await describeWithTool('secrets through systemd (PID 1 in a container)', check, () => {
  test('units read every secret byte for byte from files of mode 0600; a missing file fails the start', async () => {
    const dir = join(root, 'live');
    const secretsDir = join(root, 'etc', 'secsd');
    const stack = writeSecretStack(dir, 'secsd', { python: '/usr/bin/python3', image: BUSYBOX_IMAGE }, { systemd: { secrets_dir: secretsDir } });
    const flags = ['-t', 'systemd', '-f', stack.spec, '--systemctl', `docker exec ${box!.name} systemctl`];
    const cli = (command: string) => orchgen([command, ...flags, ...(command === 'up' ? ['--unit-dir', unitDir] : [])], { env: stack.env });
    try {
      const up = await cli('up');
      expect(up.code, up.stderr).toBe(0);
      expect(await receivedBy(stack, ['proc', 'box'])).toEqual([stack.expected, stack.expected]);
      expect([mode(secretsDir), mode(join(secretsDir, 'proc.env')), mode(join(secretsDir, 'box.env'))]).toEqual(['700', '600', '600']);
      const files = [...filesUnder(join(dir, '.orchgen')), ...filesUnder(join(dir, 'out')), ...filesUnder(unitDir)];
      const leaks = leaksAfterUp(up, files);
      expect(leaks).toEqual([]);
    } finally {
      const down = await cli('down');
      await removeContainer('secsd-box');
      expect(down.code).toBe(0);
    }

    rmSync(join(secretsDir, 'proc.env'));
    const start = await box!.exec(['systemctl', 'start', 'secsd-proc.service']);
    expect(start.exitCode).not.toBe(0);
    expect((await box!.exec(['systemctl', 'show', '-p', 'Result', '--value', 'secsd-proc.service'])).stdout.trim()).toBe('resources');
    const journal = await box!.exec(['journalctl', '-u', 'secsd-proc.service', '--no-pager', '-o', 'cat']);
    expect(journal.stdout).toContain(`Failed to load environment files: No such file or directory`);
  });
});
