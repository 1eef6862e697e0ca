import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../runtime/stack.js';
import { composeV2 } from '../../support/compose-cli.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, tempDir, type TempDir } from '../../support/tools.js';
import { buildTo } from './support.js';

/**
 * `health.start_interval` under the real Compose v2 and engine, with no orchgen in between: the
 * service with it is seen healthy by Docker soon after it answers, the same service without it
 * only once a whole (long) interval has passed. Both answer 1 s after they start.
 */
const intervalS = 30;

await describeWithTool('Compose v2: Docker checks every `start_interval` within `start_period`', allTools(composeV2.check, hasBusyboxImage), () => {
  let dir: TempDir;
  let composeDir: string;
  const project = `ogstartiv${process.pid}`;
  const env = { COMPOSE_PROJECT_NAME: project };

  const service = (name: string, port: number, startInterval: string) =>
    [
      `  ${name}:`,
      `    image: ${BUSYBOX_IMAGE}`,
      `    command: [sh, -c, ${JSON.stringify(`sleep 1; mkdir -p /srv && echo ok > /srv/health && exec httpd -f -p 127.0.0.1:${port} -h /srv`)}]`,
      `    health: { http: "http://127.0.0.1:${port}/health", interval: ${intervalS}s, timeout: 2s, retries: 3, start_period: 2m${startInterval} }`,
    ].join('\n');

  beforeAll(async () => {
    dir = await tempDir('orchgen-start-interval-');
    const spec = ['version: 1', `project: ${project}`, 'defaults: { network: host, stop: { timeout: 1s } }', 'services:', service('paced', await freePort(), ', start_interval: 200ms'), service('plain', await freePort(), ''), ''].join('\n');
    composeDir = (await buildTo(spec, join(dir.path, 'orchgen.yaml'), join(dir.path, 'out'))).composeDir;
    const up = await composeV2.run(['up', '-d'], composeDir, env, 120_000);
    expect(up.exitCode, up.stderr).toBe(0);
  });

  afterAll(async () => {
    await composeV2.run(['down', '-v', '--remove-orphans', '-t', '1'], composeDir, env, 120_000);
    await dir.cleanup();
  });

  async function status(name: string): Promise<string> {
    const id = (await composeV2.run(['ps', '-q', name], composeDir, env, 30_000)).stdout.trim();
    const r = await execa('docker', ['inspect', '--format', '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}', id], { reject: false, stdin: 'ignore' });
    return String(r.stdout).trim();
  }

  it('the service with a start interval is healthy within seconds; the one without is still starting', async () => {
    const started = Date.now();
    let paced = await status('paced');
    while (paced !== 'healthy' && Date.now() - started < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      paced = await status('paced');
    }
    const seenAfterMs = Date.now() - started;
    console.log(`compose start_interval: paced healthy after ${seenAfterMs} ms of polling; plain: ${await status('plain')}`);
    expect(paced).toBe('healthy');
    // the first check of the other runs one interval after its start: it cannot have passed yet
    expect(seenAfterMs).toBeLessThan(intervalS * 1000 - 10_000);
    expect(await status('plain')).toBe('starting');
  });
});
