/** Running generated units for real: systemd as PID 1 in a container, the host's docker CLI inside. */
import { execa } from 'execa';
import { expect } from 'vitest';
import { startSystemdContainer, type SystemdContainer } from '../../support/tools.js';
import { sh } from './support.js';
import type { Artifact } from '../../../src/targets/target.js';

/** Unique per run: units and containers of parallel runs never meet. */
export const runId = (prefix: string) => `${prefix}${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;

/**
 * A systemd container with the host's docker CLI at /usr/bin/docker (where the units look for it) and
 * the engine's socket, so container services started by systemd inside run on the host's engine.
 */
export async function startLiveContainer(name: string): Promise<SystemdContainer> {
  const { stdout: docker } = await execa('sh', ['-c', 'command -v docker']);
  return startSystemdContainer(name, { binds: [`${docker.trim()}:/usr/bin/docker:ro`, '/run/docker.sock:/run/docker.sock'] });
}

/** Install units in /etc/systemd/system and reload. */
export async function installUnits(container: SystemdContainer, artifacts: readonly Artifact[]): Promise<void> {
  for (const a of artifacts.filter((x) => !x.path.includes('/'))) {
    const r = await container.exec(['sh', '-c', `cat > /etc/systemd/system/${a.path}`], { input: a.content });
    expect(r.exitCode).toBe(0);
  }
  await sh(container, 'systemctl daemon-reload');
}

/** Wait until a file exists in the container and return its content. */
export async function waitForFile(container: SystemdContainer, file: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await container.exec(['cat', file]);
    if (r.exitCode === 0) return r.stdout;
    if (Date.now() > deadline) {
      const status = await container.exec(['sh', '-c', 'systemctl --no-pager list-units --all "*.service" | tail -n 20; journalctl --no-pager -n 40']);
      throw new Error(`${file} did not appear within ${timeoutMs} ms\n${status.stdout}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A python3 program that writes its arguments, environment and its parent's command line as JSON to argv[1]. */
export const probeProgram = `#!/usr/bin/python3
import json, os, sys
with open(f"/proc/{os.getppid()}/cmdline", "rb") as f:
    parent = [os.fsdecode(p) for p in f.read().split(b"\\0")[:-1]]
with open(sys.argv[1] + ".tmp", "w") as out:
    json.dump({"argv": sys.argv[2:], "env": dict(os.environ), "parent": parent}, out)
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
`;
