import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { allTools, describeWithTool, hasBusyboxImage, hasDocker, hasSystemdImage, startSystemdContainer, type SystemdContainer } from '../support/tools.js';
import { containerNamed, execHealthScenarios } from './exec-health.js';

const check = await allTools(hasDocker, hasSystemdImage, hasBusyboxImage);
const root = mkdtempSync('/tmp/orchgen-systemd-exec-');
const unitDir = join(root, 'units');
mkdirSync(unitDir);
// systemd runs in a container; the units' `docker run` reaches this machine's engine through its
// socket and CLI, so the services' containers run beside it, where orchgen's own checks see them.
const box: SystemdContainer | undefined = check.ok
  ? await startSystemdContainer('exec-health', { binds: [`${root}:${root}`, `${unitDir}:/usr/local/lib/systemd/system`, '/usr/bin/docker:/usr/bin/docker:ro', '/var/run/docker.sock:/var/run/docker.sock'], engineUnit: true })
  : undefined;
afterAll(async () => {
  await box?.stop();
  rmSync(root, { recursive: true, force: true });
});

await describeWithTool('exec health checks run where the service runs, through systemd (PID 1 in a container)', check, () => {
  execHealthScenarios({
    target: 'systemd',
    flags: ['--systemctl', `docker exec ${box?.name} systemctl`],
    upFlags: ['--unit-dir', unitDir],
    root,
    hostProcesses: false,
    container: (project, service) => containerNamed(`${project}-${service}`),
    // The host of the units is systemd's container: the file is there too.
    async touchOnHosts(path) {
      writeFileSync(path, '');
      expect((await box!.exec(['touch', path])).exitCode).toBe(0);
    },
  });
});
