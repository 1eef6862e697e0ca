import { execa } from 'execa';
import { composeClis, composeV2 } from '../support/compose-cli.js';
import { allTools, describeWithTool, hasBusyboxImage, hasDocker } from '../support/tools.js';
import { runtimeScenarios } from './scenarios.js';

for (const cli of composeClis) {
  await describeWithTool(`orchgen up/status/down through real Docker Compose (${cli.name})`, allTools(hasDocker, hasBusyboxImage, cli.check), () => {
    runtimeScenarios({
      target: 'compose',
      python: 'busybox',
      flags: [],
      env: cli.env,
      projectPrefix: `rt${cli.version}x`,
      // v2 is what users mostly run: every scenario; v1 the core ones (its rollback is in faults.compose).
      coreOnly: cli !== composeV2,
      extra: () => 'targets:\n  compose: {network_mode: host}\n',
      async count(project) {
        const result = await execa('docker', ['ps', '-a', '-q', '--filter', `label=com.docker.compose.project=${project}`], { reject: false });
        return result.stdout.split('\n').filter(Boolean).length;
      },
    });
  });
}
