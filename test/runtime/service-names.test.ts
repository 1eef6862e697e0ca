/**
 * A web app, its database and its cache, none setting `network`: on every target they join the
 * project network `<project>_default` and find each other by service name, as under Compose. Each
 * target runs the built artifacts with its own tool (the conformance adapters); what is checked is
 * seen by the engine (`docker network inspect`, `docker inspect`) and by the app itself, never by orchgen.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliEntry } from '../cli/run.js';
import { composeAdapter } from '../conformance/adapters/compose.js';
import { pm2Adapter } from '../conformance/adapters/pm2.js';
import { supervisorAdapter } from '../conformance/adapters/supervisor.js';
import { systemdAdapter } from '../conformance/adapters/systemd.js';
import type { Stack, TargetAdapter } from '../conformance/adapter.js';
import { composeV2 } from '../support/compose-cli.js';
import { describeWithTool, PYTHON_ONLY_IMAGE, tempDir, type TempDir } from '../support/tools.js';
import { freePort } from './stack.js';

const SCRIPT = new URL('./fixtures/service-names.py', import.meta.url).pathname;
const FIXTURES = path.dirname(SCRIPT);
const PEER_PORT = 5432;

function specText(project: string, webPort: number): string {
  const app = (role: string, extra: string[]) => ({
    image: PYTHON_ONLY_IMAGE,
    command: ['python3', SCRIPT, '--role', role, ...extra],
    volumes: [`${FIXTURES}:${FIXTURES}:ro`],
    stop: { timeout: '2s' },
  });
  const db = app('db', ['--port', String(PEER_PORT), '--data', '/data']);
  const services = {
    db: { ...db, volumes: [...db.volumes, 'data:/data'] },
    cache: app('cache', ['--port', String(PEER_PORT)]),
    web: {
      ...app('web', ['--port', String(webPort), '--peer-port', String(PEER_PORT)]),
      ports: [`127.0.0.1:${webPort}:${webPort}`],
      depends_on: ['db', 'cache'],
      health: { http: `http://127.0.0.1:${webPort}/health`, interval: '1s', timeout: '3s', retries: 60 },
    },
  };
  return stringify({ version: 1, project, services });
}

interface Answer {
  db: { address: string; answer: string };
  cache: { address: string; answer: string };
}

const docker = async (...args: string[]) => {
  const r = await execa('docker', args, { reject: false, stdin: 'ignore', all: true });
  return { code: r.exitCode ?? -1, out: String(r.all ?? '') };
};

async function webAnswer(port: number, timeoutMs: number): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  let last = { status: 0, body: 'no answer' };
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5_000) });
      last = { status: response.status, body: await response.text() };
      if (response.status === 200) return last;
    } catch (error) {
      last = { status: 0, body: String(error) };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return last;
}

/** The containers on the network, as the engine sees them: name → its aliases and address there. */
async function onNetwork(network: string): Promise<Map<string, { aliases: string[]; address: string }>> {
  const listed = await docker('network', 'inspect', network, '--format', '{{range $id, $c := .Containers}}{{$c.Name}} {{end}}');
  const seen = new Map<string, { aliases: string[]; address: string }>();
  for (const name of listed.out.trim().split(/\s+/).filter(Boolean)) {
    const inspect = await docker('inspect', name, '--format', `{{json (index .NetworkSettings.Networks "${network}")}}`);
    const endpoint = JSON.parse(inspect.out) as { Aliases: string[] | null; IPAddress: string };
    seen.set(name, { aliases: endpoint.Aliases ?? [], address: endpoint.IPAddress });
  }
  return seen;
}

/** What of the project the engine still has: containers named after it or labelled with it, its network. */
async function leftOf(project: string): Promise<string[]> {
  const containers = await docker('ps', '-a', '--format', '{{.Names}} {{.Label "com.docker.compose.project"}}');
  const named = containers.out.split('\n').filter((line) => line.startsWith(`${project}-`) || line.endsWith(` ${project}`));
  const networks = await docker('network', 'ls', '--format', '{{.Name}}');
  return [...named, ...networks.out.split('\n').filter((name) => name === `${project}_default`)];
}

async function removeAll(project: string): Promise<void> {
  for (const line of await leftOf(project)) {
    const name = line.split(' ')[0]!;
    if (name === `${project}_default`) await docker('network', 'rm', name);
    else await docker('rm', '-f', name);
  }
  await docker('volume', 'rm', '-f', `${project}_data`);
}

async function build(stack: Stack, target: string): Promise<void> {
  const built = await execa('node', [cliEntry, 'build', '-f', stack.spec, '-t', target, '-o', stack.out], { reject: false, all: true, stdin: 'ignore' });
  expect(built.exitCode, String(built.all)).toBe(0);
}

async function makeStack(tag: string): Promise<{ stack: Stack; temp: TempDir; port: number }> {
  const temp = await tempDir(`orchgen-names-${tag}-`);
  const project = `names${tag}${process.pid.toString(36)}`;
  const port = await freePort();
  const spec = path.join(temp.path, 'orchgen.yaml');
  writeFileSync(spec, specText(project, port));
  const run = path.join(temp.path, 'run');
  mkdirSync(run);
  return { stack: { project, dir: temp.path, spec, out: path.join(temp.path, 'out'), run, env: { NAMES_TEST: '1' } }, temp, port };
}

function namesSuite(adapter: TargetAdapter): Promise<void> {
  return describeWithTool(`service names: ${adapter.title} runs web, db and cache on the project network`, adapter.tool, () => {
    let made: Awaited<ReturnType<typeof makeStack>>;
    let answer: { status: number; body: string };
    beforeAll(async () => {
      made = await makeStack(adapter.id.replace(/[^a-z0-9]/g, ''));
      await build(made.stack, adapter.target);
      const started = await adapter.start(made.stack);
      expect(started.exitCode, started.output).toBe(0);
      answer = await webAnswer(made.port, 120_000);
    }, 300_000);
    afterAll(async () => {
      if (!made) return;
      await adapter.cleanup(made.stack);
      await removeAll(made.stack.project);
      await made.temp.cleanup();
    }, 120_000);

    it('the web app reaches db and cache by service name over TCP', () => {
      expect(answer.status, answer.body).toBe(200);
      const body = JSON.parse(answer.body) as Answer;
      expect(body.db.answer).toBe('db 1');
      expect(body.cache.answer).toBe('cache');
    });

    it('each name is the alias of its container on <project>_default, at the address the app resolved', async () => {
      const network = `${made.stack.project}_default`;
      const body = JSON.parse(answer.body) as Answer;
      const seen = [...(await onNetwork(network)).values()];
      for (const service of ['db', 'cache', 'web']) expect(seen.filter((c) => c.aliases.includes(service)), service).toHaveLength(1);
      expect(seen.find((c) => c.aliases.includes('db'))!.address).toBe(body.db.address);
      expect(seen.find((c) => c.aliases.includes('cache'))!.address).toBe(body.cache.address);
    });

    it("the network carries Compose's labels for the project", async () => {
      const labels = await docker('network', 'inspect', `${made.stack.project}_default`, '--format', '{{json .Labels}}');
      expect(JSON.parse(labels.out)).toMatchObject({ 'com.docker.compose.network': 'default', 'com.docker.compose.project': made.stack.project });
    });

    it('the named volume is <project>_data', async () => {
      const db = [...(await onNetwork(`${made.stack.project}_default`)).keys()].find((name) => /-db(-1)?$/.test(name))!;
      const mounts = await docker('inspect', db, '--format', '{{range .Mounts}}{{.Name}}={{.Destination}} {{end}}');
      expect(mounts.out.trim().split(' ')).toContain(`${made.stack.project}_data=/data`);
    });

    it('after the stop no container and no network of the project is left', async () => {
      const stopped = await adapter.stop(made.stack);
      expect(stopped.exitCode, stopped.output).toBe(0);
      const deadline = Date.now() + 20_000;
      let left = await leftOf(made.stack.project);
      while (left.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        left = await leftOf(made.stack.project);
      }
      expect(left).toEqual([]);
    }, 120_000);
  });
}

await namesSuite(composeAdapter(composeV2));
await namesSuite(systemdAdapter);
await namesSuite(supervisorAdapter);
await namesSuite(pm2Adapter);
