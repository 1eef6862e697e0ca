/**
 * One project moved from target to target, as a team moves a stack from a laptop (Compose) to a
 * server (systemd) or a host without containers' orchestration (supervisord, PM2) and back: each
 * target runs the same containers on the same named volume, so the data the database keeps there
 * survives every switch. The database counts its starts in the volume; what is checked is its own
 * answer through the web app, by service name.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TargetAdapter } from '../conformance/adapter.js';
import { composeAdapter } from '../conformance/adapters/compose.js';
import { pm2Adapter } from '../conformance/adapters/pm2.js';
import { supervisorAdapter } from '../conformance/adapters/supervisor.js';
import { systemdAdapter } from '../conformance/adapters/systemd.js';
import { composeV2 } from '../support/compose-cli.js';
import { allTools, describeWithTool } from '../support/tools.js';
import { build, docker, makeStack, removeAll, settledLeft, webAnswer, type Answer } from './names-stack.js';

const compose = composeAdapter(composeV2);
const route: TargetAdapter[] = [compose, systemdAdapter, supervisorAdapter, pm2Adapter, compose];

await describeWithTool('one project switched from Compose to systemd, supervisord, PM2 and back keeps its volume', allTools(...new Set(route.map((a) => a.tool))), () => {
  let made: Awaited<ReturnType<typeof makeStack>>;
  const answers: string[] = [];

  beforeAll(async () => {
    made = await makeStack('switch');
    for (const adapter of route) {
      await build(made.stack, adapter.target);
      const started = await adapter.start(made.stack);
      expect(started.exitCode, `${adapter.title}: ${started.output}`).toBe(0);
      const answer = await webAnswer(made.port, 120_000);
      expect(answer.status, `${adapter.title}: ${answer.body}`).toBe(200);
      answers.push(`${adapter.target} ${(JSON.parse(answer.body) as Answer).db.answer}`);
      const stopped = await adapter.stop(made.stack);
      expect(stopped.exitCode, `${adapter.title}: ${stopped.output}`).toBe(0);
      expect(await settledLeft(made.stack.project), adapter.title).toEqual([]);
    }
  }, 900_000);

  afterAll(async () => {
    if (!made) return;
    for (const adapter of new Set(route)) await adapter.cleanup(made.stack);
    await removeAll(made.stack.project);
    await made.temp.cleanup();
  }, 180_000);

  it('the database finds the count of its starts on every target: one volume, never a new empty one', () => {
    expect(answers).toEqual(['compose db 1', 'systemd db 2', 'supervisor db 3', 'pm2 db 4', 'compose db 5']);
  });

  it('the one volume is <project>_data', async () => {
    const volumes = await docker('volume', 'ls', '--format', '{{.Name}}');
    expect(volumes.out.split('\n').filter((name) => name.startsWith(made.stack.project))).toEqual([`${made.stack.project}_data`]);
  });
});
