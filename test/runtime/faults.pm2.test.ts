import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, test } from 'vitest';
import { describeWithTool, hasPm2, withIsolatedPm2 } from '../support/tools.js';
import { faultLab, pidIn } from './faults.js';
import { crashThenUp, daemonKilled, killedWhileWaited, portTakenAfterPreflight } from './faults-scenarios.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();
const pm2 = await withIsolatedPm2();
// The daemon-kill test has a PM2 of its own: its daemon does not come back.
const doomed = await withIsolatedPm2();
afterAll(async () => {
  await pm2.kill();
  await doomed.kill();
});
const env = { PM2_HOME: pm2.home };

await describeWithTool('orchgen up under faults: PM2', hasPm2, () => {
  const lab = faultLab({ target: 'pm2', python, ports: [19230, 19259] });

  test('a service killed with SIGKILL while its dependents wait: rolled back, exit 2, nothing left', () => killedWhileWaited(lab, env));
  test('the PM2 daemon killed while a wave waits: noticed within 2s, its orphans stopped, exit 2, nothing left', () =>
    daemonKilled(lab, { PM2_HOME: doomed.home }, async () => {
      process.kill(pidIn(join(doomed.home, 'pm2.pid')), 'SIGKILL');
    }, 'the PM2 daemon stopped'));
  test('a port taken between preflight and start, optional service: named in the failure, exit 3', () => portTakenAfterPreflight(lab, env, false));
  test('orchgen killed while wave 2 waits: the next up keeps the healthy services and ends healthy, exit 0', () => crashThenUp(lab, env));
});
