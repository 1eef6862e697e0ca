import { execa } from 'execa';
import { afterAll } from 'vitest';
import { describeWithTool, hasPm2, withIsolatedPm2 } from '../support/tools.js';
import { runtimeScenarios } from './scenarios.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();
const pm2 = await withIsolatedPm2();
afterAll(() => pm2.kill());

await describeWithTool('orchgen up/status/down through a real PM2', hasPm2, () => {
  runtimeScenarios({
    target: 'pm2',
    python,
    flags: [],
    env: { PM2_HOME: pm2.home },
    async count(_project, stack) {
      const result = await execa('pgrep', ['-f', stack.stamps], { reject: false });
      return result.stdout.split('\n').filter(Boolean).length;
    },
  });
});
