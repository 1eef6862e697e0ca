import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { BUSYBOX_IMAGE } from '../support/tools.js';

export interface ExecHealthAdapter {
  target: 'supervisor' | 'pm2' | 'systemd' | 'compose';
  /** Extra CLI flags (how to reach the tool). */
  flags: string[];
  /** Flags only `up` takes (where to install what it writes). */
  upFlags?: string[];
  env?: Record<string, string>;
  /** Extra spec text (targets: settings). */
  extra?: (dir: string) => string;
  /** Folder for stacks: must be visible where the services run. */
  root?: string;
  /** The tool also runs host processes here, next to orchgen. */
  hostProcesses: boolean;
  /** The container of the project's service, found outside orchgen; undefined when there is none. */
  container(project: string, service: string): Promise<string | undefined>;
  /** Makes `path` exist on every host the tool or orchgen runs things on (never in a container). */
  touchOnHosts(path: string): Promise<void>;
}

/**
 * An exec health check runs where the service runs: inside the container for an image service (a
 * file only the container has passes it, one only the host has does not), on the host for a process.
 */
export function execHealthScenarios(adapter: ExecHealthAdapter): void {
  const root = mkdtempSync(join(adapter.root ?? tmpdir(), `orchgen-exec-${adapter.target}-`));
  const hostFiles: string[] = [];
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    for (const file of hostFiles) rmSync(file, { force: true });
  });
  let counter = 0;
  /** A project of its own, with a marker path in the host's /tmp unique to it; `services` are its spec lines. */
  const stack = (services: (ready: string, dir: string) => string[]) => {
    const project = `exh${process.pid}${adapter.target.slice(0, 3)}${++counter}`;
    const dir = join(root, project);
    mkdirSync(dir);
    const ready = `/tmp/${project}-ready`;
    hostFiles.push(ready);
    const spec = join(dir, 'orchgen.yaml');
    writeFileSync(spec, ['version: 1', `project: ${project}`, 'services:', ...services(ready, dir), adapter.extra?.(dir) ?? ''].join('\n'));
    return { project, dir, spec, ready };
  };
  const cli = (command: string, spec: string, ...more: string[]) =>
    orchgen([command, '-f', spec, '-t', adapter.target, ...adapter.flags, ...(command === 'up' ? (adapter.upFlags ?? []) : []), ...more], adapter.env ? { env: adapter.env } : {});
  test('a file only the container has makes it healthy; up and status check inside the container', async () => {
    const { project, spec, ready } = stack((ready) => boxService(`sleep 1; touch ${ready}`, ready));
    try {
      const up = await cli('up', spec);
      expect(up.stdout).toContain('healthy: every service is up');
      expect(up.code).toBe(0);
      const container = await adapter.container(project, 'box');
      expect(container).toBeDefined();
      expect((await execa('docker', ['exec', container!, 'test', '-f', ready], { reject: false })).exitCode).toBe(0);
      expect(existsSync(ready)).toBe(false);
      expect(await statusOf(cli, spec, 'box')).toBe('healthy');

      // The check runs now, in the container: without the file there, the service is unhealthy.
      expect((await execa('docker', ['exec', container!, 'rm', ready], { reject: false })).exitCode).toBe(0);
      expect(await statusOf(cli, spec, 'box')).toBe('unhealthy');
    } finally {
      await downAndCheck(cli, spec, adapter, project, 'box');
    }
  });

  test('a file only the host has does not make the container healthy', async () => {
    const { project, spec, ready } = stack((ready) => boxService('', ready));
    await adapter.touchOnHosts(ready);
    try {
      const up = await cli('up', spec);
      expect(up.stdout).toContain('failed: essential service box did not come up; rolled back');
      expect(up.code).toBe(2);
      expect(existsSync(ready)).toBe(true);
      expect(await adapter.container(project, 'box')).toBeUndefined();
    } finally {
      await downAndCheck(cli, spec, adapter, project, 'box');
    }
  });

  // Compose runs containers only; systemd runs host processes in its own container, not beside orchgen.
  if (adapter.hostProcesses) test('a host process is checked on the host', async () => {
    const { spec, ready } = stack((ready) => [
      '  proc:',
      `    command: ["/bin/sh", "-c", "sleep 1; touch ${ready}; exec sleep 100000"]`,
      '    health:',
      `      exec: [test, -f, ${ready}]`,
      ...checkTiming,
    ]);
    try {
      const up = await cli('up', spec);
      expect(up.stdout).toContain('healthy: every service is up');
      expect(up.code).toBe(0);
      expect(existsSync(ready)).toBe(true);
      rmSync(ready);
      expect(await statusOf(cli, spec, 'proc')).toBe('unhealthy');
    } finally {
      expect((await cli('down', spec)).code).toBe(0);
      // Its command line names the marker: no process of it is left.
      expect((await execa('pgrep', ['-f', ready], { reject: false })).stdout).toBe('');
    }
  });
}

const checkTiming = ['      interval: 500ms', '      timeout: 1s', '      retries: 4'];

/**
 * `box`: a busybox container on the host's network that runs `steps`, then stays up until its stop
 * signal; its exec check looks for `ready`.
 */
function boxService(steps: string, ready: string): string[] {
  const script = `trap 'exit 0' TERM; ${steps}${steps ? '; ' : ''}sleep 100000 & wait`;
  return [
    '  box:',
    `    image: ${BUSYBOX_IMAGE}`,
    '    network: host',
    `    command: ["sh", "-c", ${JSON.stringify(script)}]`,
    '    stop: {timeout: 2s}',
    '    health:',
    `      exec: [test, -f, ${ready}]`,
    ...checkTiming,
  ];
}

type Cli = (command: string, spec: string, ...more: string[]) => Promise<{ code: number | undefined; stdout: string }>;

async function statusOf(cli: Cli, spec: string, service: string): Promise<string> {
  const status = JSON.parse((await cli('status', spec, '--json')).stdout) as { services: Array<{ service: string; health: string }> };
  return status.services.find((s) => s.service === service)!.health;
}

async function downAndCheck(cli: Cli, spec: string, adapter: ExecHealthAdapter, project: string, service: string): Promise<void> {
  const down = await cli('down', spec);
  expect(down.code).toBe(0);
  expect(await adapter.container(project, service)).toBeUndefined();
}

/** The container of that exact name, running or not, as the engine lists it. */
export async function containerNamed(name: string): Promise<string | undefined> {
  const result = await execa('docker', ['ps', '-a', '-q', '--no-trunc', '--filter', `name=^/${name}$`]);
  return result.stdout.trim() || undefined;
}
