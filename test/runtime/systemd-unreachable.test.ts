import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { cliEntry, orchgen } from '../cli/run.js';
import { allTools, describeWithTool, hasDocker, hasSystemdImage, SYSTEMD_IMAGE } from '../support/tools.js';
import { orchgenInsideBinds } from './systemd-inside.js';

const check = await allTools(hasDocker, hasSystemdImage);
const root = mkdtempSync('/tmp/orchgen-systemd-silent-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A built stack of one service, so that `status` has something it could list. */
async function builtStack(project: string): Promise<string> {
  const spec = join(root, project, 'orchgen.yaml');
  mkdirSync(join(root, project));
  writeFileSync(spec, `version: 1\nproject: ${project}\nservices:\n  web:\n    command: ["/bin/sleep", "1000"]\n`);
  const build = await orchgen(['build', '-f', spec, '-t', 'systemd']);
  expect(build.code, build.stderr).toBe(0);
  return spec;
}

const unique = () => `orchgen-test-silent-${process.pid}-${Date.now().toString(36)}`;

await describeWithTool('status and down when systemd does not answer: they say so, exit 5, no guessed state', check, () => {
  test('systemctl run through a container that does not exist', async () => {
    const spec = await builtStack('silentout');
    const missing = unique();
    expect((await execa('docker', ['inspect', missing], { reject: false })).exitCode).not.toBe(0);
    const result = await orchgen(['status', '-f', spec, '-t', 'systemd', '--systemctl', `docker exec ${missing} systemctl`]);
    expect(result.stderr).toBe(
      `systemd does not answer (\`docker exec ${missing} systemctl show\`: Error response from daemon: No such container: ${missing}): the state of silentout's services is unknown\n`,
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(5);    const down = await orchgen(['down', '-f', spec, '-t', 'systemd', '--systemctl', `docker exec ${missing} systemctl`]);
    expect(down.stderr).toBe(
      `systemd does not answer (\`docker exec ${missing} systemctl list-units\`: Error response from daemon: No such container: ${missing}): cannot tell what of silentout is still running\n`,
    );
    expect(down.stdout).not.toContain('nothing left running');
    expect(down.code).toBe(5);
  });

  test('plain systemctl on a machine where systemd is not PID 1', async () => {
    const spec = await builtStack('silentin');
    const name = unique();
    const binds = [`${root}:${root}`, ...orchgenInsideBinds()].flatMap((bind) => ['-v', bind]);
    await execa('docker', ['run', '-d', '--name', name, '--network', 'host', ...binds, SYSTEMD_IMAGE, 'sleep', 'infinity']);
    try {
      // Independently: this machine's systemctl cannot reach a systemd.
      const asked = await execa('docker', ['exec', name, 'systemctl', 'is-system-running'], { reject: false });
      expect(asked.exitCode).not.toBe(0);
      const result = await execa('docker', ['exec', '-e', 'NO_COLOR=1', name, 'node', cliEntry, 'status', '-f', spec, '-t', 'systemd'], { reject: false });
      expect(result.stderr).toBe(
        "systemd does not answer (`systemctl show`: System has not been booted with systemd as init system (PID 1). Can't operate.): the state of silentin's services is unknown",
      );
      expect(result.stdout).toBe('');
      expect(result.exitCode).toBe(5);
      const down = await execa('docker', ['exec', '-e', 'NO_COLOR=1', name, 'node', cliEntry, 'down', '-f', spec, '-t', 'systemd'], { reject: false });
      expect(down.stderr).toBe(
        "systemd does not answer (`systemctl list-units`: System has not been booted with systemd as init system (PID 1). Can't operate.): cannot tell what of silentin is still running",
      );
      expect(down.stdout).not.toContain('nothing left running');
      expect(down.exitCode).toBe(5);
    } finally {
      await execa('docker', ['rm', '-f', name], { reject: false });
    }
  });
});
