import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasDocker, hasSupervisord } from '../support/tools.js';
import { containerNamed } from './exec-health.js';

const dir = mkdtempSync(join(tmpdir(), 'orchgen-sv-stop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

await describeWithTool('supervisor: stopping a container service', allTools(hasSupervisord, hasDocker, hasBusyboxImage), () => {
  // supervisord signals the docker CLI; the container's PID 1 (a shell) ignores SIGTERM.
  test('a container that ignores its stop signal is gone after down', async () => {
    const project = `svstop${process.pid}`;
    const spec = join(dir, 'orchgen.yaml');
    const service = ['  box:', `    image: ${BUSYBOX_IMAGE}`, '    network: host', '    command: ["sh", "-c", "exec sleep 100000"]', '    stop: {timeout: 1s}'];
    writeFileSync(spec, ['version: 1', `project: ${project}`, 'services:', ...service, 'targets:', `  supervisor: {log_dir: ${dir}/logs}`, ''].join('\n'));
    const cli = (command: string) => orchgen([command, '-f', spec, '-t', 'supervisor']);
    try {
      expect((await cli('up')).code).toBe(0);
      expect(await containerNamed(`${project}-box`)).toBeDefined();
    } finally {
      const down = await cli('down');
      expect(down.stdout).toContain('down, nothing left running');
      expect(await containerNamed(`${project}-box`)).toBeUndefined();
    }
  });
});
