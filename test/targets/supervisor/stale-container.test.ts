import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasSupervisord, tempDir, type TempDir } from '../../support/tools.js';
import { buildInto, sleep, startSupervisord, writeMainConf, yamlString, type Supervisord } from './helpers.js';

const project = `rts${process.pid}${Date.now().toString(36)}`;
const container = `${project}-web`;
const program = container;

/** busybox httpd as PID 1 ignores SIGTERM: only a SIGKILL from `docker stop` ends it. */
function spec(dir: string): string {
  return `version: 1
project: ${project}
services:
  web:
    image: ${BUSYBOX_IMAGE}
    command: ["httpd", "-f", "-p", "127.0.0.1:0"]
    network: host
    stop: { timeout: 2s }
targets:
  supervisor: { log_dir: ${yamlString(`${dir}/logs`)} }
`;
}

const docker = (args: string[]) => execa('docker', args, { reject: false, stdin: 'ignore' });
const containersNamed = async () => String((await docker(['ps', '-a', '--filter', `name=^${container}$`, '--format', '{{.Names}} {{.Status}}'])).stdout).trim();

await describeWithTool('supervisor target: a container that ignores SIGTERM, under supervisord alone', allTools(hasSupervisord, hasBusyboxImage), () => {
  let dir: TempDir;
  let supervisord: Supervisord | undefined;

  beforeAll(async () => {
    dir = await tempDir('orchgen-supervisor-stale-');
    await docker(['create', '--name', container, BUSYBOX_IMAGE, 'sleep', '1000']);
    supervisord = await startSupervisord(writeMainConf(dir.path, buildInto(dir.path, spec(dir.path)).conf));
  });
  afterAll(async () => {
    await supervisord?.shutdown();
    await docker(['rm', '-f', container]);
    await dir?.cleanup();
  });

  it('removes a stale container of the same name before it runs its own', async () => {
    await supervisord!.waitRunning([program]);
    let seen = '';
    for (let tries = 0; tries < 60 && !seen.startsWith(`${container} Up`); tries += 1) {
      seen = await containersNamed();
      if (!seen.startsWith(`${container} Up`)) await sleep(500);
    }
    expect(seen).toMatch(new RegExp(`^${container} Up `));
    const command = String((await docker(['inspect', '--format', '{{join .Config.Cmd " "}}', container])).stdout).trim();
    expect(command).toBe('httpd -f -p 127.0.0.1:0');
  });

  it('leaves no container after supervisorctl stop, though PID 1 ignores SIGTERM', async () => {
    const stopped = await supervisord!.ctl(['stop', program]);
    expect(stopped.stdout).toContain(`${program}: stopped`);
    expect(await containersNamed()).toBe('');
    expect((await supervisord!.ctl(['status', program])).stdout).toMatch(/\sSTOPPED\s/);
  });

  it('starts again under the same name after the stop', async () => {
    expect((await supervisord!.ctl(['start', program])).stdout).toContain(`${program}: started`);
    await supervisord!.waitRunning([program]);
  });
});
