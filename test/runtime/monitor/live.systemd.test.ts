import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { unitName } from '../../../src/targets/systemd/names.js';
import { allTools, describeWithTool, hasDocker, hasSystemdImage, startSystemdContainer, type SystemdContainer } from '../../support/tools.js';
import { insideCli, orchgenInsideBinds } from '../systemd-inside.js';
import { token } from './live.js';
import { monitorScenarios, type MonitorCli } from './scenarios.js';

const check = await allTools(hasDocker, hasSystemdImage);
// The stack's folder is bind-mounted at the same path; the CLI, the servers and the monitor run
// inside, on the machine's own systemd, as on a server; the container shares the host's network.
const root = mkdtempSync('/tmp/orchgen-monitor-systemd-');
const box: SystemdContainer | undefined = check.ok ? await startSystemdContainer('monitor', { binds: [`${root}:${root}`, ...orchgenInsideBinds()] }) : undefined;
afterAll(async () => {
  await box?.stop();
  rmSync(root, { recursive: true, force: true });
});

function cliInside(machine: SystemdContainer): MonitorCli {
  const inside = insideCli(machine);
  return {
    async run(args, env = {}) {
      const result = await inside.run(args, env);
      return { exitCode: result.code, all: `${result.stdout}${result.stderr}` };
    },
    startMonitor(stack, target, env = {}) {
      const started = inside.start(['monitor', '-t', target, ...stack.flags], { ...env, ORCHGEN_MONITOR_TOKEN: token });
      return {
        async stop() {
          await started.interrupt();
          await started.child;
        },
      };
    },
  };
}

await describeWithTool('orchgen monitor on a real systemd (PID 1 in a container)', check, () => {
  const project = 'monlivesysd';
  monitorScenarios({
    target: 'systemd',
    project,
    python: '/usr/bin/python3',
    root,
    ...(box ? { cli: cliInside(box) } : {}),
    async running() {
      const units = ['db', 'api', 'web'].map((name) => unitName(project, name));
      const states = await box!.exec(['systemctl', 'is-active', ...units]);
      return states.stdout.split('\n').filter((line) => line.trim() === 'active').length;
    },
    async kill(_stack, _name, pid) {
      await box!.exec(['kill', '-KILL', String(pid)]);
    },
    async residentBytes(pid) {
      const statm = await box!.exec(['cat', `/proc/${pid}/statm`]);
      return Number(statm.stdout.split(' ')[1]) * 4096;
    },
  });
});
