import type { Target } from '../target.js';
import { render } from './render.js';

export const supervisorTarget = {
  name: 'supervisor',
  description: 'supervisord: one conf with a [program:x] per service and a [group:x] for the stack',
  runsHostProcesses: true,
  render,
} as const satisfies Target;
