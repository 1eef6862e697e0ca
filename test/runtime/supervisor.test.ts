import { execa } from 'execa';
import { describeWithTool, hasSupervisord } from '../support/tools.js';
import { runtimeScenarios } from './scenarios.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();

await describeWithTool('orchgen up/status/down through a real supervisord', hasSupervisord, () => {
  runtimeScenarios({
    target: 'supervisor',
    python,
    flags: [],
    extra: (dir) => `targets:\n  supervisor: {log_dir: ${dir}/logs}\n`,
    async count(_project, stack) {
      // Test servers of this stack still alive, found by their command line.
      const result = await execa('pgrep', ['-f', stack.stamps], { reject: false });
      return result.stdout.split('\n').filter(Boolean).length;
    },
  });
});
