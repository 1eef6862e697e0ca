import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { cliEntry, orchgen } from '../cli/run.js';
import { stampsOf, writeStack, type Stack, type StackService } from './stack.js';

export interface Adapter {
  target: 'supervisor' | 'pm2' | 'systemd' | 'compose';
  /** The python that runs the test servers where the target runs them. */
  python: string;
  /** Extra CLI flags (how to reach the tool). */
  flags: string[];
  /** Extra flags of `up` alone (where it installs what it runs). */
  upFlags?: string[];
  env?: Record<string, string>;
  /** Extra spec text (targets: settings). */
  extra?: (dir: string) => string;
  /**
   * Only the scenarios whose tool calls the others repeat (start, recreate, fallback override,
   * status, logs, down): for a second CLI of the same target, where the rest would only re-test orchgen.
   */
  coreOnly?: boolean;
  /** Start of the stacks' project names (default `rt`), so that two runs of the scenarios never share one. */
  projectPrefix?: string;
  /** Folder for stacks: must be visible where the services run. */
  root?: string;
  /** Processes or containers of a project still running, counted outside orchgen. */
  count(project: string, stack: Stack): Promise<number>;
  /** Where the CLI runs, when not on this side (e.g. inside the machine whose supervisor it drives). */
  cli?: CliRunner;
  /** The tool's own word, asked directly, on whether a service is up and what its environment is. */
  native?: {
    active(project: string, service: string): Promise<boolean>;
    environment(project: string, service: string): Promise<string>;
  };
}

export interface CliRunner {
  run(args: readonly string[], env?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }>;
  start(args: readonly string[], env?: Record<string, string>): { child: ResultPromise; interrupt(): Promise<void> };
}

/** The built CLI on this side. */
const hostCli: CliRunner = {
  run: (args, env) => orchgen(args, env ? { env } : {}),
  start(args, env) {
    const child = execa('node', [cliEntry, ...args], { env: { NO_COLOR: '1', ...env }, reject: false, forceKillAfterDelay: false });
    return {
      child,
      async interrupt() {
        child.kill('SIGINT');
      },
    };
  },
};

/** The runtime scenarios every target must pass, against the real tool. */
export function runtimeScenarios(adapter: Adapter): void {
  const root = mkdtempSync(join(adapter.root ?? tmpdir(), `orchgen-rt-${adapter.target}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let counter = 0;
  const stack = async (services: StackService[]) => {
    const name = `${adapter.projectPrefix ?? 'rt'}${++counter}`;
    const dir = join(root, name);
    return { project: name, stack: await writeStack(dir, name, adapter.python, services, adapter.extra?.(dir) ?? '') };
  };
  const runner = adapter.cli ?? hostCli;
  const cli = (command: string, s: Stack, ...more: string[]) => runner.run([command, '-f', s.spec, '-t', adapter.target, ...adapter.flags, ...(command === 'up' ? (adapter.upFlags ?? []) : []), ...more], adapter.env);
  const expectActive = async (project: string, names: string[], active: boolean) => {
    if (!adapter.native) return;
    for (const name of names) expect(await adapter.native.active(project, name), name).toBe(active);
  };

  test('dependents start only after their dependencies are healthy; a second up restarts nothing; down leaves nothing', async () => {
    const { project, stack: s } = await stack([
      { name: 'db', delay: 1.5 },
      { name: 'cache', delay: 0.2 },
      { name: 'api', delay: 0.5, dependsOn: ['db', 'cache'] },
      { name: 'web', delay: 0.2, dependsOn: ['api'] },
    ]);
    try {
      const first = await cli('up', s);
      expect(first.stdout).toContain('healthy: every service is up');
      expect(first.code).toBe(0);
      const ready = (name: string) => stampsOf(s, name, 'ready')[0]!;
      const start = (name: string) => stampsOf(s, name, 'start')[0]!;
      expect(start('api')).toBeGreaterThanOrEqual(ready('db'));
      expect(start('api')).toBeGreaterThanOrEqual(ready('cache'));
      expect(start('web')).toBeGreaterThanOrEqual(ready('api'));
      await expectActive(project, ['db', 'cache', 'api', 'web'], true);

      const second = await cli('up', s);
      expect(second.code).toBe(0);
      for (const name of ['db', 'cache', 'api', 'web']) expect(stampsOf(s, name, 'start'), name).toHaveLength(1);
      expect(second.stdout.match(/: unchanged/g)).toHaveLength(4);

      // Only what changed is recreated.
      writeFileSync(s.spec, readFileSync(s.spec, 'utf8').replace('  web:\n', '  web:\n    env: {CHANGED: "1"}\n'));
      const third = await cli('up', s);
      expect(third.code).toBe(0);
      for (const name of ['db', 'cache', 'api']) expect(stampsOf(s, name, 'start'), name).toHaveLength(1);
      expect(stampsOf(s, 'web', 'start')).toHaveLength(2);

      const status = await cli('status', s, '--json');
      expect(JSON.parse(status.stdout).overall).toBe('healthy');
      const logs = await cli('logs', s, 'db', '-n', '20');
      expect(logs.stdout).toContain(`db: ready on ${s.ports.db}`);
    } finally {
      const down = await cli('down', s);
      expect(down.stdout).toContain('down, nothing left running');
      expect(down.code).toBe(0);
      expect(await adapter.count(project, s)).toBe(0);
      await expectActive(project, ['db', 'cache', 'api', 'web'], false);
    }
  });

  test('a service that dies with an NCCL error comes up on its fallback, and status names the variant', async () => {
    const { project, stack: s } = await stack([
      { name: 'ollama', delay: 0.2 },
      { name: 'vllm', delay: 0.3, dependsOn: ['ollama'], failUnless: 'SINGLE_GPU' },
    ]);
    try {
      const result = await cli('up', s);
      expect(result.stdout).toMatch(/vllm \[single-gpu\]: fallback \(exited with code 1\)/);
      expect(result.code).toBe(0);
      const status = JSON.parse((await cli('status', s, '--json')).stdout);
      expect(status.services.find((x: { service: string }) => x.service === 'vllm')).toMatchObject({ variant: 'single-gpu', health: 'healthy' });
      await expectActive(project, ['ollama', 'vllm'], true);
      if (adapter.native) expect(await adapter.native.environment(project, 'vllm')).toMatch(/(^|\s)SINGLE_GPU=1(\s|$)/);
    } finally {
      await cli('down', s);
    }
  });

  if (adapter.coreOnly) return;

  test('an optional service that never gets healthy: exit 3, the rest healthy', async () => {
    const { stack: s } = await stack([
      { name: 'api', delay: 0.2 },
      { name: 'extra', delay: 0.1, essential: false, neverReady: true, dependsOn: ['api'] },
    ]);
    try {
      const result = await cli('up', s);
      expect(result.code).toBe(3);
      expect(result.stdout).toContain('degraded: optional services are down');
      const status = JSON.parse((await cli('status', s, '--json')).stdout);
      expect(status.services.find((x: { service: string }) => x.service === 'api')).toMatchObject({ state: 'running', health: 'healthy' });
      expect(status.overall).toBe('degraded');
    } finally {
      await cli('down', s);
    }
  });

  test('an essential service that never gets healthy: exit 2, nothing left running', async () => {
    // `web` never starts: whatever the tool made ready for it is gone too.
    const { project, stack: s } = await stack([
      { name: 'db', delay: 0.2 },
      { name: 'api', delay: 0.1, neverReady: true, dependsOn: ['db'] },
      { name: 'web', delay: 0.1, dependsOn: ['api'] },
    ]);
    try {
      const result = await cli('up', s);
      expect(result.code).toBe(2);
      expect(result.stdout).toContain('failed: essential service api did not come up; rolled back');
      expect(await adapter.count(project, s)).toBe(0);
    } finally {
      await cli('down', s);
    }
  });

  test('Ctrl-C stops waiting and rolls back what this run started', async () => {
    const { project, stack: s } = await stack([
      { name: 'db', delay: 0.2 },
      { name: 'api', delay: 0.1, neverReady: true, dependsOn: ['db'] },
    ]);
    try {
      const run = runner.start(['up', '-f', s.spec, '-t', adapter.target, ...adapter.flags, ...(adapter.upFlags ?? [])], adapter.env);
      let seen = '';
      let interrupted = false;
      run.child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('api: waiting') && !interrupted) {
          interrupted = true;
          void run.interrupt();
        }
      });
      const result = await run.child;
      expect(result.exitCode).toBe(130);
      expect(result.stdout).toContain('interrupted: rolled back what this run started');
      expect(await adapter.count(project, s)).toBe(0);
    } finally {
      await cli('down', s);
    }
  });
}
