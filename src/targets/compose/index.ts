import type { Target } from '../target.js';
import { renderCompose } from './render.js';

export const composeTarget = {
  name: 'compose',
  description: 'Docker Compose file (compose.yaml), with one override file per fallback',
  runsHostProcesses: false,
  render: renderCompose,
  loadDriver: async () => (await import('../../runtime/compose/driver.js')).composeDriver,
} as const satisfies Target;
