import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { cliEntry } from '../cli/run.js';
import type { Stack } from '../conformance/adapter.js';
import { PYTHON_ONLY_IMAGE, tempDir, type TempDir } from '../support/tools.js';
import { freePort } from './stack.js';

/**
 * A web app, its database and its cache that find each other by service name, as real stacks do;
 * the database counts its starts in the named volume `data`.
 */
const SCRIPT = new URL('./fixtures/service-names.py', import.meta.url).pathname;
const FIXTURES = path.dirname(SCRIPT);
const PEER_PORT = 5432;

export function specText(project: string, webPort: number): string {
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

export interface Answer {
  db: { address: string; answer: string };
  cache: { address: string; answer: string };
}

export const docker = async (...args: string[]) => {
  const r = await execa('docker', args, { reject: false, stdin: 'ignore', all: true });
  return { code: r.exitCode ?? -1, out: String(r.all ?? '') };
};

export async function webAnswer(port: number, timeoutMs: number): Promise<{ status: number; body: string }> {
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
export async function onNetwork(network: string): Promise<Map<string, { aliases: string[]; address: string }>> {
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
export async function leftOf(project: string): Promise<string[]> {
  const containers = await docker('ps', '-a', '--format', '{{.Names}} {{.Label "com.docker.compose.project"}}');
  const named = containers.out.split('\n').filter((line) => line.startsWith(`${project}-`) || line.endsWith(` ${project}`));
  const networks = await docker('network', 'ls', '--format', '{{.Name}}');
  return [...named, ...networks.out.split('\n').filter((name) => name === `${project}_default`)];
}

export async function removeAll(project: string): Promise<void> {
  for (const line of await leftOf(project)) {
    const name = line.split(' ')[0]!;
    if (name === `${project}_default`) await docker('network', 'rm', name);
    else await docker('rm', '-f', name);
  }
  await docker('volume', 'rm', '-f', `${project}_data`);
}

export async function build(stack: Stack, target: string): Promise<void> {
  const built = await execa('node', [cliEntry, 'build', '-f', stack.spec, '-t', target, '-o', stack.out], { reject: false, all: true, stdin: 'ignore' });
  expect(built.exitCode, String(built.all)).toBe(0);
}

export async function makeStack(tag: string): Promise<{ stack: Stack; temp: TempDir; port: number }> {
  const temp = await tempDir(`orchgen-names-${tag}-`);
  const project = `names${tag}${process.pid.toString(36)}`;
  const port = await freePort();
  const spec = path.join(temp.path, 'orchgen.yaml');
  writeFileSync(spec, specText(project, port));
  const run = path.join(temp.path, 'run');
  mkdirSync(run);
  return { stack: { project, dir: temp.path, spec, out: path.join(temp.path, 'out'), run, env: { NAMES_TEST: '1' } }, temp, port };
}

/** Waits until the engine has nothing of the project left but its volume; what is left then. */
export async function settledLeft(project: string, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let left = await leftOf(project);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await leftOf(project);
  }
  return left;
}
