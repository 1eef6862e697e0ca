import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { composeClis, composeV2 } from '../support/compose-cli.js';
import { allTools, describeWithTool, hasBusyboxImage, hasDocker } from '../support/tools.js';
import { expectNothingLeft, faultLab, recorded, until } from './faults.js';
import { startPrivateEngine, type PrivateEngine } from './faults-engine.js';
import { killedWhileWaited } from './faults-scenarios.js';

let engine: PrivateEngine | undefined;
afterAll(() => engine?.remove());

// One lab for both CLIs: its stacks get distinct project names and ports.
const lab = faultLab({ target: 'compose', python: 'busybox', ports: [19260, 19289], extra: () => 'targets:\n  compose: {network_mode: host}\n' });

for (const cli of composeClis) {
  await describeWithTool(`orchgen up under faults: Docker Compose (${cli.name})`, allTools(hasDocker, hasBusyboxImage, cli.check), () => {
    test('a container killed with SIGKILL while its dependents wait: rolled back, exit 2, nothing left', async () => {
      const stack = await killedWhileWaited(lab, cli.env);
      expect(await projectContainers(stack.project)).toEqual([]);
    });
  });
}

// The engine's death is seen by the driver's own Docker calls, whichever CLI made the containers: run on v2 only.
await describeWithTool(`orchgen up under faults: a Docker engine stopping (${composeV2.name})`, allTools(hasDocker, hasBusyboxImage, composeV2.check), () => {
  test('a private Docker engine killed while a wave waits: noticed within 2s, its orphaned containers stopped, exit 6 as the containers cannot be checked, nothing left', async () => {
    engine = await startPrivateEngine();
    const env = { DOCKER_HOST: engine.host, ...composeV2.env };
    const stack = lab.stack([
      { name: 'db', delay: 0.2 },
      { name: 'api', delay: 5, dependsOn: ['db'] },
    ]);
    const run = lab.up(stack, env);
    await run.waitFor('wave 2 api: waiting');
    await until(() => recorded(lab, stack, 'api'));
    engine.kill();
    const killedAt = Date.now();
    await run.waitFor('wave 2 api: failed (the Docker engine stopped while the stack was coming up)');
    const noticedMs = Date.now() - killedAt;
    const result = await run.result;
    expect(noticedMs).toBeLessThan(2500);
    expect(result.stdout).toMatch(/wave 2 api: stopped \(stopped its process \d+ directly\)/);
    expect(result.stdout).toMatch(/wave 1 db: stopped \(stopped its process \d+ directly\)/);
    // With no engine to ask, what is left of the containers cannot be known: said so, exit 6.
    expect(result.stdout).toContain('failed: the Docker engine stopped while the stack was coming up; rolled back what this run started, but still there: containers unknown (docker ps -a failed: ');
    expect(result.code).toBe(6);
    // Nothing of the stack runs, though no engine was there to stop it.
    expect(await lab.processes(stack)).toEqual([]);

    // Back up, the engine lists the containers as exited, and `down` removes them.
    await engine.restart();
    expect(await projectContainers(stack.project, env, 'running')).toEqual([]);
    const down = await lab.cli('down', stack, env);
    expect(down.stdout).toContain('down, nothing left running');
    expect(down.code).toBe(0);
    expect(await projectContainers(stack.project, env)).toEqual([]);
    await withDockerHost(engine.host, () => expectNothingLeft(lab, stack, env));
  });
});

/** The project's containers, all or only those with `status`, as `docker ps -a` lists them. */
async function projectContainers(project: string, env: Record<string, string> = {}, status?: string): Promise<string[]> {
  const filters = ['--filter', `label=com.docker.compose.project=${project}`, ...(status ? ['--filter', `status=${status}`] : [])];
  const result = await execa('docker', ['ps', '-a', ...filters, '--format', '{{.Names}} {{.Status}}'], { env });
  return result.stdout.split('\n').filter(Boolean);
}

/** The driver asks docker through this process's environment. */
async function withDockerHost(host: string, body: () => Promise<void>): Promise<void> {
  const before = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = host;
  try {
    await body();
  } finally {
    if (before === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = before;
  }
}
