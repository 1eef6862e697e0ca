import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import { execa } from 'execa';
import { afterEach, expect, it } from 'vitest';
import { freePort } from '../../support/ports.js';
import { BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage } from '../../support/tools.js';
import { expand } from './expansion.js';
import { build, documents } from './support.js';

type Obj = Record<string, any>;

const servers: Server[] = [];
const containers: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  for (const name of containers.splice(0)) await execa('docker', ['rm', '-f', name], { reject: false, stdin: 'ignore' });
});

function listen(server: Server, port: number): Promise<void> {
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

/** The web service's pod spec for a stack whose dependencies listen on these ports. */
function webPod(ports: { api: number; queue: number; cache: number }): Obj {
  const yaml = `version: 1
project: live
services:
  api:
    image: x
    ports: ["${ports.api}:${ports.api}"]
    health: { http: "http://127.0.0.1:${ports.api}/ready" }
  queue:
    image: x
    ports: ["${ports.queue}:${ports.queue}"]
    health: { tcp: "127.0.0.1:${ports.queue}" }
  cache:
    image: x
    ports: ["${ports.cache}:${ports.cache}"]
    health: { tcp: "127.0.0.1:${ports.cache}", interval: 1s, timeout: 1s, retries: 1 }
  web:
    image: x
    depends_on:
      api: healthy
      queue: healthy
      cache: { condition: healthy, required: false }
    stop: { signal: SIGINT }
`;
  return (documents(build(yaml).files.get('k8s/base/web.yaml')!)[0] as Obj).spec.template.spec;
}

/** Runs an init container's command (as the kubelet expands it) in busybox, the dependencies' names pointing at 127.0.0.1. */
function runInit(init: Obj) {
  const hosts = ['api', 'queue', 'cache'].flatMap((h) => ['--add-host', `${h}:127.0.0.1`]);
  const command = (init.command as string[]).map((arg) => expand(arg, new Map()));
  // Named, so the cleanup removes it: killing the CLI does not stop a container whose sh ignores SIGTERM.
  const name = `orchgen-k8s-init-${process.pid}-${containers.length}-${Date.now()}`;
  containers.push(name);
  return execa('docker', ['run', '--rm', '--name', name, '--network', 'host', ...hosts, BUSYBOX_IMAGE, ...command], { reject: false, stdin: 'ignore', timeout: 60_000 });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await describeWithTool('k8s init containers and preStop hooks run in busybox', hasBusyboxImage, () => {
  it('waits until an http dependency answers its health path, and a tcp one accepts', async () => {
    const ports = { api: await freePort(), queue: await freePort(), cache: await freePort() };
    const [api, queue] = webPod(ports).initContainers as Obj[];
    expect([api.name, queue.name]).toEqual(['wait-for-api', 'wait-for-queue']);
    const waitingApi = runInit(api);
    const waitingQueue = runInit(queue);
    await sleep(3000);
    expect(waitingApi.exitCode).toBeNull();
    expect(waitingQueue.exitCode).toBeNull();
    await listen(createHttpServer((req, res) => res.writeHead(req.url === '/ready' ? 200 : 404).end()) as unknown as Server, ports.api);
    await listen(createTcpServer(() => {}), ports.queue);
    expect((await waitingApi).exitCode).toBe(0);
    expect((await waitingQueue).exitCode).toBe(0);
  });

  it('keeps waiting while the http dependency answers with an error', async () => {
    const ports = { api: await freePort(), queue: await freePort(), cache: await freePort() };
    await listen(createHttpServer((_, res) => res.writeHead(503).end()) as unknown as Server, ports.api);
    const waiting = runInit((webPod(ports).initContainers as Obj[])[0]!);
    await sleep(4000);
    expect(waiting.exitCode).toBeNull();
    waiting.kill();
  });

  it('gives up on an optional dependency after its readiness budget and lets the pod start', async () => {
    const ports = { api: await freePort(), queue: await freePort(), cache: await freePort() };
    const cache = (webPod(ports).initContainers as Obj[])[2]!;
    expect(cache.name).toBe('wait-for-cache');
    const started = Date.now();
    const result = await runInit(cache);
    expect(result.exitCode).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('sends the stop signal from the preStop hook and returns once the process has ended', async () => {
    const hook = webPod({ api: 1, queue: 2, cache: 3 }).containers[0].lifecycle.preStop.exec.command as string[];
    const start = async (script: string) => {
      const name = `orchgen-k8s-prestop-${process.pid}-${containers.length}`;
      containers.push(name);
      await execa('docker', ['run', '-d', '--name', name, BUSYBOX_IMAGE, 'sh', '-c', script], { stdin: 'ignore' });
      await sleep(500);
      return name;
    };
    const handles = await start('trap "echo got-INT; exit 0" INT; while :; do sleep 1; done');
    await execa('docker', ['exec', handles, ...hook], { reject: false, stdin: 'ignore', timeout: 30_000 });
    expect((await execa('docker', ['wait', handles], { stdin: 'ignore' })).stdout.trim()).toBe('0');
    expect((await execa('docker', ['logs', handles], { stdin: 'ignore' })).stdout.trim()).toBe('got-INT');

    // A process that ignores the signal keeps the hook waiting (the grace period then ends it).
    const ignores = await start('trap "" INT; while :; do sleep 1; done');
    const hookRun = execa('docker', ['exec', ignores, ...hook], { reject: false, stdin: 'ignore', timeout: 30_000 });
    await sleep(3000);
    expect(hookRun.exitCode).toBeNull();
    expect((await execa('docker', ['inspect', '-f', '{{.State.Running}}', ignores], { stdin: 'ignore' })).stdout.trim()).toBe('true');
    hookRun.kill();
  });
});
