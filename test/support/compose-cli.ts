/**
 * The two Compose CLIs the tests run everything on: v2 (`docker compose`, the Docker CLI plugin)
 * and v1 (`docker-compose`). Each has its check for describeWithTool, a way to run it directly,
 * and the environment that makes `orchgen up -t compose` use it (ORCHGEN_COMPOSE).
 */
import { execa } from 'execa';
import { hasComposeV1, hasComposeV2, type ExecResult, type ToolCheck } from './tools.js';

export interface ComposeCli {
  name: string;
  /** `v2` or `v1`: the value of ORCHGEN_COMPOSE that selects it, and a short tag for names. */
  version: 'v2' | 'v1';
  check: () => Promise<ToolCheck>;
  /** Environment that makes orchgen's runtime use this CLI. */
  env: Record<string, string>;
  run(args: string[], cwd: string, env?: Record<string, string>, timeout?: number): Promise<ExecResult>;
}

async function exec(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}, timeout = 120_000): Promise<ExecResult> {
  const r = await execa(cmd, args, { cwd, env, reject: false, timeout, stdin: 'ignore' });
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: typeof r.exitCode === 'number' ? r.exitCode : -1 };
}

export const composeV2: ComposeCli = {
  name: 'docker compose',
  version: 'v2',
  check: hasComposeV2,
  env: { ORCHGEN_COMPOSE: 'v2' },
  run: (args, cwd, env, timeout) => exec('docker', ['compose', ...args], cwd, env, timeout),
};

export const composeV1: ComposeCli = {
  name: 'docker-compose',
  version: 'v1',
  check: hasComposeV1,
  env: { ORCHGEN_COMPOSE: 'v1' },
  run: (args, cwd, env, timeout) => exec('docker-compose', args, cwd, env, timeout),
};

/** Both CLIs, v2 (what users mostly run) first. */
export const composeClis: readonly ComposeCli[] = [composeV2, composeV1];
