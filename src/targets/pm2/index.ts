import type { Target } from '../target.js';
import { renderPm2 } from './render.js';

export const pm2Target = {
  name: 'pm2',
  description: 'PM2 ecosystem file (ecosystem.config.cjs), one app per service',
  runsHostProcesses: true,
  render: renderPm2,
  loadDriver: async () => (await import('../../runtime/pm2/driver.js')).pm2Driver,
  runtimeOptions: [{ flags: '--pm2 <path>', key: 'pm2', description: 'the pm2 executable to use (default: the one orchgen ships with)' }],
} as const satisfies Target;
