import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasSupervisord, tempDir, type TempDir } from '../../support/tools.js';
import { buildInto, sleep, startSupervisord, writeMainConf, yamlString, type Supervisord } from './helpers.js';

const project = `rtv${process.pid}${Date.now().toString(36)}`;
const container = `${project}-writer`;
const volume = `${project}_data`;

/** Writes a marker into the named volume, then waits for TERM. */
const script = 'echo written-by-supervisord > /data/marker; trap "exit 0" TERM; while :; do sleep 1; done';

function spec(dir: string): string {
  return `version: 1
project: ${project}
services:
  writer:
    image: ${BUSYBOX_IMAGE}
    command: ${JSON.stringify(['sh', '-c', script])}
    volumes: ["data:/data"]
    stop: { timeout: 5s }
targets:
  supervisor: { log_dir: ${yamlString(`${dir}/logs`)} }
`;
}

const docker = (args: string[]) => execa('docker', args, { reject: false, stdin: 'ignore' });

await describeWithTool('supervisor target: named volumes carry the project prefix', allTools(hasSupervisord, hasBusyboxImage), () => {
  let dir: TempDir;
  let supervisord: Supervisord | undefined;

  beforeAll(async () => {
    dir = await tempDir('orchgen-supervisor-vol-');
    supervisord = await startSupervisord(writeMainConf(dir.path, buildInto(dir.path, spec(dir.path)).conf));
  });
  afterAll(async () => {
    await supervisord?.shutdown();
    await docker(['rm', '-f', container]);
    await docker(['volume', 'rm', '-f', volume]);
    await dir?.cleanup();
  });

  it('stores the data in the <project>_<volume> volume, as Compose, systemd and PM2 name it', async () => {
    await supervisord!.waitRunning([container]);
    let marker = '';
    for (let tries = 0; tries < 60 && marker === ''; tries += 1) {
      const read = await docker(['run', '--rm', '-v', `${volume}:/data:ro`, BUSYBOX_IMAGE, 'cat', '/data/marker']);
      marker = read.exitCode === 0 ? String(read.stdout).trim() : '';
      if (marker === '') await sleep(500);
    }
    expect(marker).toBe('written-by-supervisord');
    const mounts = await docker(['inspect', '--format', '{{range .Mounts}}{{.Name}} {{end}}', container]);
    expect(String(mounts.stdout).trim()).toBe(volume);
  });
});
