/**
 * `orchgen up -t compose` judges a service by Docker's own health check, as Compose does for
 * `service_healthy`: a server that answers the probe from this host but whose image cannot run the
 * check (no curl, wget, bash or python3) is unhealthy, and the stack is rolled back; the same server
 * in an image that can run the check is healthy.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { allTools, BARE_IMAGE, describeWithTool, hasBareImage, hasComposeV2, hasPythonOnlyImage, PYTHON_ONLY_IMAGE } from '../support/tools.js';
import { freePort } from './stack.js';

const root = mkdtempSync(join(tmpdir(), 'orchgen-docker-health-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const images = { bare: BARE_IMAGE, python: PYTHON_ONLY_IMAGE };
const servers = {
  bare: (port: number) => `mkdir -p /srv && echo ok > /srv/health && exec httpd -f -p 127.0.0.1:${port} -h /srv`,
  python: (port: number) => `mkdir -p /srv && echo ok > /srv/health && exec python3 -m http.server --bind 127.0.0.1 --directory /srv ${port}`,
};

async function stackOf(kind: keyof typeof images): Promise<{ spec: string; project: string; port: number }> {
  const project = `ogdockerhealth${kind}${process.pid}`;
  const port = await freePort();
  const dir = join(root, project);
  mkdirSync(dir, { recursive: true });
  const spec = join(dir, 'orchgen.yaml');
  writeFileSync(
    spec,
    [
      'version: 1',
      `project: ${project}`,
      'services:',
      '  web:',
      `    image: ${images[kind]}`,
      '    network: host',
      `    command: [sh, -c, ${JSON.stringify(servers[kind](port))}]`,
      `    health: { http: "http://127.0.0.1:${port}/health", interval: 1s, timeout: 2s, retries: 2 }`,
      '    stop: { timeout: 1s }',
      '',
    ].join('\n'),
  );
  return { spec, project, port };
}

const containers = async (project: string) =>
  (await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}} {{.Status}}'])).stdout.split('\n').filter(Boolean);

await describeWithTool('orchgen up -t compose goes by Docker\'s own health', allTools(hasComposeV2, hasBareImage, hasPythonOnlyImage), () => {
  test('an image that cannot run its check: unhealthy to Docker, so the start fails and the stack is rolled back, though the server answers here', async () => {
    const { spec, project } = await stackOf('bare');
    const up = await orchgen(['up', '-t', 'compose', '-f', spec], { env: { ORCHGEN_COMPOSE: 'v2' } });
    try {
      expect(up.code, up.stdout + up.stderr).toBe(2);
      expect(up.stdout + up.stderr).toContain("the tool's own health check says unhealthy");
      expect(await containers(project)).toEqual([]);
    } finally {
      await orchgen(['down', '-t', 'compose', '-f', spec], { env: { ORCHGEN_COMPOSE: 'v2' } });
    }
  }, 120_000);

  test('an image that can run it: healthy, and up succeeds', async () => {
    const { spec, project, port } = await stackOf('python');
    const up = await orchgen(['up', '-t', 'compose', '-f', spec], { env: { ORCHGEN_COMPOSE: 'v2' } });
    try {
      expect(up.code, up.stdout + up.stderr).toBe(0);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const health = await execa('docker', ['inspect', '--format', '{{.State.Health.Status}}', `${project}-web-1`], { reject: false });
      expect(health.stdout.trim()).toBe('healthy');
    } finally {
      expect((await orchgen(['down', '-t', 'compose', '-f', spec], { env: { ORCHGEN_COMPOSE: 'v2' } })).code).toBe(0);
      expect(await containers(project)).toEqual([]);
    }
  }, 120_000);
});
