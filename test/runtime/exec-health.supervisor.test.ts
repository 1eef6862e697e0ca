import { writeFileSync } from 'node:fs';
import { allTools, describeWithTool, hasBusyboxImage, hasDocker, hasSupervisord } from '../support/tools.js';
import { containerNamed, execHealthScenarios } from './exec-health.js';

await describeWithTool('exec health checks run where the service runs, through a real supervisord', allTools(hasSupervisord, hasDocker, hasBusyboxImage), () => {
  execHealthScenarios({
    target: 'supervisor',
    flags: [],
    extra: (dir) => `targets:\n  supervisor: {log_dir: ${dir}/logs}\n`,
    hostProcesses: true,
    container: (project, service) => containerNamed(`${project}-${service}`),
    async touchOnHosts(path) {
      writeFileSync(path, '');
    },
  });
});
