import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasDocker, hasSystemdImage, startSystemdContainer, type SystemdContainer } from '../support/tools.js';
import { stringify } from 'yaml';
import { distinctiveSecrets, environProbe, filesUnder, leaksAfterUp, received, receivedBy, removeContainer, waitForFile, writeSecretStack } from './support.js';

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
      engineUnit: true,
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

  test('env_required values reach the units from the stack file `up` writes (mode 0600), byte for byte', async () => {
    const dir = join(root, 'required');
    const secretsDir = join(root, 'etc', 'reqsd');
    mkdirSync(join(dir, 'box'), { recursive: true });
    const environ = { proc: join(dir, 'proc.environ'), box: join(dir, 'box', 'environ') };
    const script = `cat /proc/self/environ > /out/environ.tmp && mv /out/environ.tmp /out/environ; trap 'exit 0' TERM INT; sleep 100000 & wait`;
    const spec = join(dir, 'orchgen.yaml');
    writeFileSync(
      spec,
      stringify({
        version: 1,
        project: 'reqsd',
        defaults: { restart: 'no', stop: { timeout: '1s' } },
        services: {
          proc: { command: ['/usr/bin/python3', environProbe, environ.proc], env_required: ['REQ_A', 'REQ_B'] },
          box: { image: BUSYBOX_IMAGE, command: ['sh', '-c', script], volumes: [`${join(dir, 'box')}:/out`], env_required: ['REQ_A'] },
        },
        targets: { systemd: { secrets_dir: secretsDir } },
      }),
    );
    const env = { REQ_A: distinctiveSecrets[4]!, REQ_B: distinctiveSecrets[1]! };
    const flags = ['-t', 'systemd', '-f', spec, '--systemctl', `docker exec ${box!.name} systemctl`];
    const cli = (command: string) => orchgen([command, ...flags, ...(command === 'up' ? ['--unit-dir', unitDir] : [])], { env });
    try {
      const up = await cli('up');
      expect(up.code, up.stderr).toBe(0);
      await waitForFile(environ.proc);
      await waitForFile(environ.box);
      expect(received(environ.proc, env)).toEqual(env);
      expect(received(environ.box, { REQ_A: env.REQ_A })).toEqual({ REQ_A: env.REQ_A });
      expect(mode(join(secretsDir, 'env_required.env'))).toBe('600');
      // The manager's environment holds none of it: the units read the file, at every start.
      const manager = await box!.exec(['systemctl', 'show-environment']);
      expect(manager.stdout).not.toContain('REQ_A');
    } finally {
      const down = await cli('down');
      await removeContainer('reqsd-box');
      expect(down.code).toBe(0);
    }
  });
});
