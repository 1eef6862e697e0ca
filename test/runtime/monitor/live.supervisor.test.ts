import { execa } from 'execa';
import { describeWithTool, hasSupervisord } from '../../support/tools.js';
import { monitorScenarios } from './scenarios.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();

await describeWithTool('orchgen monitor on a real supervisord', hasSupervisord, () => {
  monitorScenarios({
    target: 'supervisor',
    project: 'monlivesup',
    python,
    extra: (dir) => `targets:\n  supervisor: {log_dir: ${dir}/logs}\n`,
    async running(stack) {
      const status = await execa('supervisorctl', ['-c', `${stack.dir}/state/supervisord.conf`, 'status'], { reject: false });
      // STARTING: running, within the program's startsecs (a service just restarted)
      return status.stdout.split('\n').filter((line) => /\b(RUNNING|STARTING)\b/.test(line)).length;
    },
  });
});
