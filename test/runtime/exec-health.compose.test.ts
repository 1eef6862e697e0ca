import { writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { allTools, describeWithTool, hasBusyboxImage, hasDocker } from '../support/tools.js';
import { execHealthScenarios } from './exec-health.js';

await describeWithTool('exec health checks run where the service runs, through real Docker Compose', allTools(hasDocker, hasBusyboxImage), () => {
  execHealthScenarios({
    target: 'compose',
    flags: [],
    hostProcesses: false,
    async container(project, service) {
      const labels = [`com.docker.compose.project=${project}`, `com.docker.compose.service=${service}`].flatMap((label) => ['--filter', `label=${label}`]);
      const result = await execa('docker', ['ps', '-a', '-q', '--no-trunc', ...labels]);
      return result.stdout.trim().split('\n')[0] || undefined;
    },
    async touchOnHosts(path) {
      writeFileSync(path, '');
    },
  });
});
