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
  return startSystemdContainer(name, { binds: [`${docker.trim()}:/usr/bin/docker:ro`, '/run/docker.sock:/run/docker.sock'], engineUnit: true });
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

/** A number a program wrote as one line (`date +%s.%N > file`): waits for the line's end, since the file exists before the write. */
export async function waitForStamp(container: SystemdContainer, file: string, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await container.exec(['sh', '-c', `[ "$(wc -l < '${file}')" -ge 1 ] && cat '${file}'`]);
    if (r.exitCode === 0) return Number(r.stdout);
    if (Date.now() > deadline) throw new Error(`${file} held no whole line within ${timeoutMs} ms`);
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

export { freePort } from '../../support/ports.js';

/** One property of a unit, as systemd reports it. */
export const show = async (container: SystemdContainer, unit: string, property: string): Promise<string> =>
  (await sh(container, `systemctl show -p ${property} --value ${unit}`)).trim();

/** Poll a shell condition in the container until it holds; fail with the journal when it never does. */
export async function waitUntil(container: SystemdContainer, condition: string, timeoutMs = 30_000): Promise<void> {
  const seconds = Math.ceil(timeoutMs / 1000);
  const r = await container.exec(['sh', '-c', `timeout ${seconds} sh -c 'until ${condition.replace(/'/g, `'\\''`)}; do sleep 0.2; done'`], { timeout: timeoutMs + 10_000 });
  if (r.exitCode !== 0) {
    const journal = await container.exec(['sh', '-c', 'journalctl --no-pager -n 40']);
    throw new Error(`never held within ${timeoutMs} ms: ${condition}\n${journal.stdout}`);
  }
}

/** The container named so, running or not, as `docker ps -a` lists it: empty when there is none. */
export async function containersNamed(name: string): Promise<string> {
  const r = await execa('docker', ['ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.Names}} {{.Status}}'], { reject: false, stdin: 'ignore' });
  return String(r.stdout).trim();
}

/**
 * Containers the units of these projects ran on the host's engine: a test that failed before its stop
 * would leave them running once the systemd container is gone.
 */
export async function removeProjectContainers(projects: readonly string[]): Promise<void> {
  for (const project of projects) {
    const listed = await execa('docker', ['ps', '-aq', '--filter', `name=^${project}-`], { reject: false, stdin: 'ignore' });
    const ids = String(listed.stdout).split('\n').filter(Boolean);
    if (ids.length > 0) await execa('docker', ['rm', '-f', ...ids], { reject: false, stdin: 'ignore' });
    // The project network's oneshot removes it only when systemd stops it; PID 1 going away does not.
    // The engine may still count a just-removed container's endpoint for a moment: try again.
    for (let attempt = 0; attempt < 20; attempt++) {
      await execa('docker', ['network', 'rm', `${project}_default`], { reject: false, stdin: 'ignore' });
      const left = await execa('docker', ['network', 'inspect', `${project}_default`], { reject: false, stdin: 'ignore' });
      if (left.exitCode !== 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
