import { join } from 'node:path';
import { execa } from 'execa';
import { test } from 'vitest';
import { describeWithTool, hasSupervisord } from '../support/tools.js';
import { faultLab, pidIn } from './faults.js';
import { crashThenDown, daemonKilled, damagedState, hangingChecks, killedWhileWaited, portTakenAfterPreflight, restartedAfterKill } from './faults-scenarios.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();

await describeWithTool('orchgen up under faults: supervisord', hasSupervisord, () => {
  const lab = faultLab({ target: 'supervisor', python, ports: [19200, 19229], extra: (dir) => `targets:\n  supervisor: {log_dir: ${dir}/logs}\n` });

  test('a service killed with SIGKILL while its dependents wait, restart: no: rolled back, exit 2, nothing left', () => killedWhileWaited(lab));
  test('a service killed with SIGKILL while its dependents wait, restart: on-failure: supervisord restarts it, exit 0', () => restartedAfterKill(lab));
  test('supervisord killed while a wave waits: noticed within 2s, its orphans stopped, exit 2, nothing left', () =>
    daemonKilled(lab, {}, async (stack) => {
      process.kill(pidIn(join(stack.dir, '.orchgen', 'supervisor', 'supervisord.pid')), 'SIGKILL');
    }, 'supervisord stopped'));
  test('a port taken between preflight and start, essential service: named in the failure, exit 2, nothing left', () => portTakenAfterPreflight(lab, {}, true));
  test('a health endpoint that never answers and an exec check that never returns: timed out within budget, killed, exit 3', () => hangingChecks(lab));
  test('orchgen killed while wave 2 waits: the state knows the service it was starting, and down leaves nothing', () => crashThenDown(lab));
  test('a truncated, then a garbage state file: up and down warn in one line and work', () => damagedState(lab));
});
