import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { allTools, describeWithTool, hasDocker, hasSystemdImage, startSystemdContainer, type SystemdContainer } from '../support/tools.js';
import { runtimeScenarios } from './scenarios.js';
import { serverScript } from './stack.js';

const check = await allTools(hasDocker, hasSystemdImage);
const root = mkdtempSync('/tmp/orchgen-systemd-rt-');
const unitDir = join(root, 'units');
mkdirSync(unitDir);
const fixtures = dirname(serverScript);
// The container's systemd is PID 1 with the host's network; the stacks, the test server and the
// unit folder are bind-mounted at the same paths, so units orchgen installs on this side run there.
const box: SystemdContainer | undefined = check.ok
  ? await startSystemdContainer('runtime', { binds: [`${root}:${root}`, `${fixtures}:${fixtures}:ro`, `${unitDir}:/usr/local/lib/systemd/system`] })
  : undefined;
afterAll(async () => {
  await box?.stop();
  rmSync(root, { recursive: true, force: true });
});

await describeWithTool('orchgen up/status/down through systemd (PID 1 in a container)', check, () => {
  runtimeScenarios({
    target: 'systemd',
    python: '/usr/bin/python3',
    flags: ['--systemctl', `docker exec ${box?.name} systemctl`],
    upFlags: ['--unit-dir', unitDir],
    root,
    async count(_project, stack) {
      const result = await box!.exec(['pgrep', '-f', stack.stamps]);
      return result.stdout.split('\n').filter(Boolean).length;
    },
  });
});
