import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { unitName } from '../../src/targets/systemd/names.js';
import { allTools, describeWithTool, hasDocker, hasSystemdImage, startSystemdContainer, type SystemdContainer } from '../support/tools.js';
import { runtimeScenarios, type Adapter } from './scenarios.js';
import { serverScript } from './stack.js';
import { insideCli, orchgenInsideBinds } from './systemd-inside.js';

const check = await allTools(hasDocker, hasSystemdImage);
const root = mkdtempSync('/tmp/orchgen-systemd-rt-');
const unitDir = join(root, 'units');
mkdirSync(unitDir);
const fixtures = dirname(serverScript);
// The container's systemd is PID 1 with the host's network; the stacks and the test server are
// bind-mounted at the same paths. From this side, the unit folder is bind-mounted too, so units
// orchgen installs here run there; inside, orchgen runs as on a server, with its own /etc/systemd/system.
const binds = [`${root}:${root}`, `${fixtures}:${fixtures}:ro`];
const box: SystemdContainer | undefined = check.ok ? await startSystemdContainer('runtime', { binds: [...binds, `${unitDir}:/usr/local/lib/systemd/system`] }) : undefined;
const server: SystemdContainer | undefined = check.ok ? await startSystemdContainer('runtime-inside', { binds: [...binds, ...orchgenInsideBinds()] }) : undefined;
afterAll(async () => {
  await Promise.all([box?.stop(), server?.stop()]);
  rmSync(root, { recursive: true, force: true });
});

/** Counts and states asked of the container's own ps and systemctl, never of orchgen. */
function nativeChecks(machine: () => SystemdContainer): Pick<Adapter, 'count' | 'native'> {
  return {
    async count(_project, stack) {
      const result = await machine().exec(['pgrep', '-f', stack.stamps]);
      return result.stdout.split('\n').filter(Boolean).length;
    },
    native: {
      async active(project, service) {
        const result = await machine().exec(['systemctl', 'is-active', unitName(project, service)]);
        return result.stdout.trim() === 'active';
      },
      async environment(project, service) {
        return (await machine().exec(['systemctl', 'show', unitName(project, service), '-p', 'Environment', '--value'])).stdout;
      },
    },
  };
}

await describeWithTool('orchgen up/status/down through systemd (PID 1 in a container, driven from outside)', check, () => {
  runtimeScenarios({
    target: 'systemd',
    python: '/usr/bin/python3',
    flags: ['--systemctl', `docker exec ${box?.name} systemctl`],
    upFlags: ['--unit-dir', unitDir],
    root,
    ...nativeChecks(() => box!),
  });
});

await describeWithTool('orchgen up/status/logs/down on the systemd machine itself (plain systemctl and journalctl)', check, () => {
  runtimeScenarios({
    target: 'systemd',
    python: '/usr/bin/python3',
    flags: [],
    root,
    ...(server ? { cli: insideCli(server) } : {}),
    ...nativeChecks(() => server!),
  });
});
