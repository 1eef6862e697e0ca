import { execa } from 'execa';
import { allTools, describeWithTool, hasBusyboxImage, hasDocker } from '../support/tools.js';
import { runtimeScenarios } from './scenarios.js';

await describeWithTool('orchgen up/status/down through real Docker Compose', allTools(hasDocker, hasBusyboxImage), () => {
  runtimeScenarios({
    target: 'compose',
    python: 'busybox',
    flags: [],
    extra: () => 'targets:\n  compose: {network_mode: host}\n',
    async count(project) {
      const result = await execa('docker', ['ps', '-a', '-q', '--filter', `label=com.docker.compose.project=${project}`], { reject: false });
      return result.stdout.split('\n').filter(Boolean).length;
    },
  });
});
