import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { allTools, describeWithTool, hasDocker, hasSystemdImage, startSystemdContainer } from '../support/tools.js';
import { background } from './faults.js';
import { serverScript, writeStack } from './stack.js';

const check = await allTools(hasDocker, hasSystemdImage);
const root = mkdtempSync('/tmp/orchgen-systemd-fault-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The stack's servers still running on this host (the container's processes are seen from here too). */
async function serversOf(stamps: string): Promise<string[]> {
  const result = await execa('pgrep', ['-af', stamps], { reject: false });
  return result.stdout.split('\n').filter((line) => line && !line.includes('pgrep'));
}

await describeWithTool('orchgen up under faults: systemd', check, () => {
  test('systemd (PID 1 of its container) killed while a wave waits: noticed within 2.5s, exit 2, nothing of the stack left', async () => {
    const unitDir = join(root, 'units');
    mkdirSync(unitDir);
    const fixtures = dirname(serverScript);
    // Its own container: killing systemd ends the container, which the other systemd tests share.
    const box = await startSystemdContainer('fault', { binds: [`${root}:${root}`, `${fixtures}:${fixtures}:ro`, `${unitDir}:/usr/local/lib/systemd/system`] });
    try {
      const stack = await writeStack(join(root, 'stack'), 'faultsys', '/usr/bin/python3', [
        { name: 'db', delay: 0.2 },
        { name: 'api', delay: 60, dependsOn: ['db'] },
      ]);
      const run = background(['up', '-f', stack.spec, '-t', 'systemd', '--systemctl', `docker exec ${box.name} systemctl`, '--unit-dir', unitDir], {});
      await run.waitFor('wave 2 api: waiting', 60_000);
      await expect.poll(() => serversOf(stack.stamps), { timeout: 10_000 }).toHaveLength(2);
      await execa('docker', ['kill', box.name]);
      const killedAt = Date.now();
      await run.waitFor('wave 2 api: failed (systemd does not answer');
      const noticedMs = Date.now() - killedAt;
      const result = await run.result;
      expect(noticedMs).toBeLessThan(2500);
      // What docker exec said, or how it ended when the container's end cut it off without a word.
      expect(result.stdout).toMatch(/failed: systemd does not answer \(.+\) while the stack was coming up; rolled back what this run started/);
      expect(result.code).toBe(2);
      expect(await serversOf(stack.stamps)).toEqual([]);
    } finally {
      await box.stop();
    }
  });
});
