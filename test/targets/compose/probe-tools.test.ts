import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../runtime/stack.js';
import { composeClis } from '../../support/compose-cli.js';
import { allTools, describeWithTool, hasDocker, tempDir, type TempDir, type ToolCheck } from '../../support/tools.js';
import { buildTo } from './support.js';

/**
 * Compose runs http and tcp checks inside the image, and many images have no curl, wget or nc
 * (ollama, qdrant, MinIO). Under the real Compose, with no orchgen in between, the generated
 * healthchecks pass in an image that has only bash, and in one that has only python3; in an image
 * with none of the tools the container turns unhealthy and Docker's health log says why.
 */
const images = { bare: 'orchgen-test/bare:1', bash: 'orchgen-test/bash-only:1', python: 'orchgen-test/python-only:1' };

async function hasProbeToolImages(): Promise<ToolCheck> {
  const docker = await hasDocker();
  if (!docker.ok) return docker;
  for (const image of Object.values(images)) {
    const r = await execa('docker', ['image', 'inspect', image], { reject: false, stdin: 'ignore' });
    if (r.exitCode !== 0) return { ok: false, reason: `docker image ${image} not built (bash scripts/ci/build-test-images.sh)` };
  }
  return { ok: true, reason: Object.values(images).join(', ') };
}

const httpd = (port: number) => `mkdir -p /srv && echo ok > /srv/health && exec httpd -f -p 127.0.0.1:${port} -h /srv`;
const pyServer = (port: number) => `mkdir -p /srv && echo ok > /srv/health && exec python3 -m http.server --bind 127.0.0.1 --directory /srv ${port}`;

function serviceYaml(name: string, image: string, script: string, health: string): string {
  return [`  ${name}:`, `    image: ${image}`, `    command: [sh, -c, ${JSON.stringify(script)}]`, `    health: { ${health}, interval: 1s, timeout: 2s, retries: 3 }`].join('\n');
}

for (const cli of composeClis) {
  await describeWithTool(`${cli.name}: health checks in images without curl, wget or nc`, allTools(cli.check, hasProbeToolImages), () => {
    let dir: TempDir;
    let composeDir: string;
    const ports: Record<string, number> = {};
    const project = `ogprobe${cli.version}${process.pid}`;
    const env = { COMPOSE_PROJECT_NAME: project };

    beforeAll(async () => {
      dir = await tempDir('orchgen-probe-tools-');
      for (const name of ['bashhttp', 'bashtcp', 'pyhttp', 'pytcp', 'bare']) ports[name] = await freePort();
      const spec = [
        'version: 1',
        `project: ${project}`,
        'defaults: { network: host, stop: { timeout: 1s } }',
        'services:',
        serviceYaml('bashhttp', images.bash, httpd(ports.bashhttp!), `http: "http://127.0.0.1:${ports.bashhttp}/health"`),
        serviceYaml('bashtcp', images.bash, httpd(ports.bashtcp!), `tcp: "127.0.0.1:${ports.bashtcp}"`),
        serviceYaml('pyhttp', images.python, pyServer(ports.pyhttp!), `http: "http://127.0.0.1:${ports.pyhttp}/health"`),
        serviceYaml('pytcp', images.python, pyServer(ports.pytcp!), `tcp: "127.0.0.1:${ports.pytcp}"`),
        serviceYaml('bare', images.bare, httpd(ports.bare!), `http: "http://127.0.0.1:${ports.bare}/health"`),
        '',
      ].join('\n');
      composeDir = (await buildTo(spec, join(dir.path, 'orchgen.yaml'), join(dir.path, 'out'))).composeDir;
      const up = await cli.run(['up', '-d'], composeDir, env, 120_000);
      expect(up.exitCode, up.stderr).toBe(0);
    });

    afterAll(async () => {
      await cli.run(['down', '-v', '--remove-orphans', '-t', '1'], composeDir, env, 120_000);
      await dir.cleanup();
    });

    /** Docker's own view of a service's container: its health status and the last check's output. */
    async function health(service: string): Promise<{ status: string; output: string }> {
      const id = (await cli.run(['ps', '-q', service], composeDir, env, 30_000)).stdout.trim();
      const r = await execa('docker', ['inspect', '--format', '{{json .State.Health}}', id], { reject: false, stdin: 'ignore' });
      const state = JSON.parse(String(r.stdout) || 'null') as { Status: string; Log: Array<{ Output: string }> } | null;
      return { status: state?.Status ?? 'none', output: state?.Log.at(-1)?.Output.trim() ?? '' };
    }

    async function settle(service: string, want: string): Promise<{ status: string; output: string }> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const seen = await health(service);
        if (seen.status === want || Date.now() > deadline) return seen;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }

    for (const service of ['bashhttp', 'bashtcp', 'pyhttp', 'pytcp']) {
      it(`${service} becomes healthy by Docker's own check`, async () => {
        expect((await settle(service, 'healthy')).status).toBe('healthy');
      });
    }

    it('an image with none of the tools turns unhealthy, and the health log says why', async () => {
      expect(await settle('bare', 'unhealthy')).toEqual({ status: 'unhealthy', output: `no curl, wget, bash or python3 here to check http://127.0.0.1:${ports.bare}/health` });
    });
  });
}
