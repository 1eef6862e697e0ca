/**
 * A web app, its database and its cache, none setting `network`: on every target they join the
 * project network `<project>_default` and find each other by service name, as under Compose. Each
 * target runs the built artifacts with its own tool (the conformance adapters); what is checked is
 * seen by the engine (`docker network inspect`, `docker inspect`) and by the app itself, never by orchgen.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeAdapter } from '../conformance/adapters/compose.js';
import { pm2Adapter } from '../conformance/adapters/pm2.js';
import { supervisorAdapter } from '../conformance/adapters/supervisor.js';
import { systemdAdapter } from '../conformance/adapters/systemd.js';
import type { TargetAdapter } from '../conformance/adapter.js';
import { composeV2 } from '../support/compose-cli.js';
import { describeWithTool } from '../support/tools.js';
import { build, docker, makeStack, onNetwork, removeAll, settledLeft, webAnswer, type Answer } from './names-stack.js';

function namesSuite(adapter: TargetAdapter): Promise<void> {
  return describeWithTool(`service names: ${adapter.title} runs web, db and cache on the project network`, adapter.tool, () => {
    let made: Awaited<ReturnType<typeof makeStack>>;
    let answer: { status: number; body: string };
    beforeAll(async () => {
      made = await makeStack(adapter.id.replace(/[^a-z0-9]/g, ''));
      await build(made.stack, adapter.target);
      const started = await adapter.start(made.stack);
      expect(started.exitCode, started.output).toBe(0);
      answer = await webAnswer(made.port, 120_000);
    }, 300_000);
    afterAll(async () => {
      if (!made) return;
      await adapter.cleanup(made.stack);
      await removeAll(made.stack.project);
      await made.temp.cleanup();
    }, 120_000);

    it('the web app reaches db and cache by service name over TCP', () => {
      expect(answer.status, answer.body).toBe(200);
      const body = JSON.parse(answer.body) as Answer;
      expect(body.db.answer).toBe('db 1');
      expect(body.cache.answer).toBe('cache');
    });

    it('each name is the alias of its container on <project>_default, at the address the app resolved', async () => {
      const network = `${made.stack.project}_default`;
      const body = JSON.parse(answer.body) as Answer;
      const seen = [...(await onNetwork(network)).values()];
      for (const service of ['db', 'cache', 'web']) expect(seen.filter((c) => c.aliases.includes(service)), service).toHaveLength(1);
      expect(seen.find((c) => c.aliases.includes('db'))!.address).toBe(body.db.address);
      expect(seen.find((c) => c.aliases.includes('cache'))!.address).toBe(body.cache.address);
    });

    it("the network carries Compose's labels for the project", async () => {
      const labels = await docker('network', 'inspect', `${made.stack.project}_default`, '--format', '{{json .Labels}}');
      expect(JSON.parse(labels.out)).toMatchObject({ 'com.docker.compose.network': 'default', 'com.docker.compose.project': made.stack.project });
    });

    it('the named volume is <project>_data', async () => {
      const db = [...(await onNetwork(`${made.stack.project}_default`)).keys()].find((name) => /-db(-1)?$/.test(name))!;
      const mounts = await docker('inspect', db, '--format', '{{range .Mounts}}{{.Name}}={{.Destination}} {{end}}');
      expect(mounts.out.trim().split(' ')).toContain(`${made.stack.project}_data=/data`);
    });

    it('after the stop no container and no network of the project is left', async () => {
      const stopped = await adapter.stop(made.stack);
      expect(stopped.exitCode, stopped.output).toBe(0);
      expect(await settledLeft(made.stack.project)).toEqual([]);
    }, 120_000);
  });
}

await namesSuite(composeAdapter(composeV2));
await namesSuite(systemdAdapter);
await namesSuite(supervisorAdapter);
await namesSuite(pm2Adapter);
