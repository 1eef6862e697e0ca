/**
 * PM2, as its users run it: the built out/ folder moved elsewhere (as to a server), then
 * `pm2 start ecosystem.config.cjs` with the values in its environment; `pm2 delete` of the file to
 * stop. A PM2_HOME of its own.
 */
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { allTools, hasPm2, hasPythonOnlyImage, PM2_BIN, withIsolatedPm2, type IsolatedPm2 } from '../../support/tools.js';
import type { Stack, TargetAdapter, ToolRun } from '../adapter.js';

const pm2Homes = new Map<string, IsolatedPm2>();

/** The ecosystem file of the moved copy. */
const ecosystem = (stack: Stack) => path.join(stack.dir, 'server', 'out', 'pm2', 'ecosystem.config.cjs');

async function pm2(stack: Stack, args: string[]): Promise<ToolRun> {
  const home = pm2Homes.get(stack.project)!;
  const r = await execa(PM2_BIN, args, { env: { ...home.env, ...stack.env }, extendEnv: false, reject: false, all: true, timeout: 120_000, stdin: 'ignore' });
  return { exitCode: r.exitCode ?? -1, output: String(r.all ?? '') };
}

export const pm2Adapter: TargetAdapter = {
  id: 'pm2',
  title: 'PM2',
  target: 'pm2',
  tool: () => allTools(hasPm2, hasPythonOnlyImage),
  allContainers: false,
  async start(stack) {
    pm2Homes.set(stack.project, await withIsolatedPm2());
    mkdirSync(path.join(stack.dir, 'server'));
    renameSync(stack.out, path.join(stack.dir, 'server', 'out'));
    return pm2(stack, ['start', ecosystem(stack)]);
  },
  stop: (stack) => pm2(stack, ['delete', ecosystem(stack)]),
  async cleanup(stack) {
    await pm2Homes.get(stack.project)?.kill();
  },
  differences: {
    'start-order': 'PM2 starts the apps in file order and waits for no health check',
    'stop-order': '`pm2 delete` of the file stops the apps in file order, dependencies first',
  },
};
