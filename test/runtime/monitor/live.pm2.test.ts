import { execa } from 'execa';
import { afterAll } from 'vitest';
import { describeWithTool, hasPm2, withIsolatedPm2 } from '../../support/tools.js';
import { monitorScenarios } from './scenarios.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();
const pm2 = await withIsolatedPm2();
afterAll(() => pm2.kill());

await describeWithTool('orchgen monitor on a real PM2', hasPm2, () => {
  monitorScenarios({
    target: 'pm2',
    project: 'monlivepm2',
    python,
    env: { PM2_HOME: pm2.home },
    async running() {
      const list = JSON.parse((await pm2.pm2(['jlist'])).stdout) as Array<{ name: string; pm2_env: { status: string } }>;
      return list.filter((app) => app.name.startsWith('monlivepm2') && app.pm2_env.status === 'online').length;
    },
  });
});
