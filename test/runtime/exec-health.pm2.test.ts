import { writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { allTools, describeWithTool, hasBusyboxImage, hasDocker, hasPm2, withIsolatedPm2 } from '../support/tools.js';
import { containerNamed, execHealthScenarios } from './exec-health.js';

const pm2 = await withIsolatedPm2();
afterAll(() => pm2.kill());

await describeWithTool('exec health checks run where the service runs, through a real PM2', allTools(hasPm2, hasDocker, hasBusyboxImage), () => {
  execHealthScenarios({
    target: 'pm2',
    flags: [],
    env: { PM2_HOME: pm2.home },
    hostProcesses: true,
    container: (project, service) => containerNamed(`${project}-${service}`),
    async touchOnHosts(path) {
      writeFileSync(path, '');
    },
  });
});
