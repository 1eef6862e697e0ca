/**
 * Compose, as its users run it: `docker compose up -d --wait` (v2) or `docker-compose up -d` (v1) in
 * the built compose/ folder, whose .env names the project; `down` to stop.
 */
import path from 'node:path';
import type { ComposeCli } from '../../support/compose-cli.js';
import { allTools, hasPythonOnlyImage } from '../../support/tools.js';
import type { Stack, TargetAdapter, ToolRun } from '../adapter.js';

const RESTART_AT_ONCE = "Docker restarts a crashed container at once (Compose's `restart` has no delay)";

async function compose(cli: ComposeCli, stack: Stack, args: string[]): Promise<ToolRun> {
  const r = await cli.run(args, path.join(stack.out, 'compose'), stack.env, 180_000);
  return { exitCode: r.exitCode, output: `${r.stdout}${r.stderr}` };
}

export function composeAdapter(cli: ComposeCli): TargetAdapter {
  return {
    id: `compose-${cli.version}`,
    title: `Compose ${cli.version} (${cli.name})`,
    target: 'compose',
    tool: () => allTools(cli.check, hasPythonOnlyImage),
    allContainers: true,
    start: (stack) => compose(cli, stack, cli.version === 'v2' ? ['up', '-d', '--wait'] : ['up', '-d']),
    stop: (stack) => compose(cli, stack, ['down']),
    async cleanup(stack) {
      await compose(cli, stack, ['down', '--volumes', '--timeout', '1']);
    },
    differences: { 'restart-delay': RESTART_AT_ONCE },
  };
}
