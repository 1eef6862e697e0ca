import type { Target } from '../target.js';
import { render } from './render.js';

export const supervisorTarget = {
  name: 'supervisor',
  description: 'supervisord: one conf with a [program:x] per service and a [group:x] for the stack',
  runsHostProcesses: true,
  render,
  loadDriver: async () => (await import('../../runtime/supervisor/driver.js')).supervisorDriver,
  runtimeOptions: [{ flags: '--supervisor-conf <file>', key: 'supervisorConf', description: "an existing supervisord's conf, instead of one orchgen starts" }],
} as const satisfies Target;
