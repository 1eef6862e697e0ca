import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Fallback, Service } from '../../model/types.js';
import { composeFileName, overrideFile, projectName } from '../../targets/compose/names.js';
import { networkModeOf } from '../../targets/compose/service.js';
import { projectNetworkName } from '../../targets/shared/container/network.js';
import { containerOutput, engineAnswers, inspectContainer, lastExitCode } from '../docker.js';
import type { Driver, DriverFactory, RuntimeContext, ServiceState } from '../driver.js';
import { emptyFootprint } from '../footprint.js';
import { execWhereServiceRuns } from '../exec-where.js';
import { targetServices } from '../services.js';
import { ToolGone } from '../tool-gone.js';
import { composeCommand, type ComposeCommand } from './command.js';
import { containersByService, removeCreated, startCreated } from './created.js';
import { withPlaceholders } from './placeholders.js';

export const composeDriver: DriverFactory = (context: RuntimeContext): Driver => {
  const project = projectName(context.model.project);
  const file = join(context.artifactsDir, composeFileName);
  let command: Promise<ComposeCommand> | undefined;
  const commandOnce = () => (command ??= composeCommand());
  /** Containers `prepare` had Compose create, by service, until this run starts them. */
  const created = new Map<string, string>();
  const variants = new Map<string, Fallback>();
  const startedAt = new Map<string, number>();
  /** The container found for each service: asked about directly until it is gone or replaced. */
  const containerIds = new Map<string, string>();
  let prepared = false;

  const compose = async (args: string[], variant?: Fallback) => {
    const found = await commandOnce();
    if ('problem' in found) throw new Error(found.problem);
    const files = ['-f', file];
    if (variant) files.push('-f', join(context.artifactsDir, overrideFile(variant.service.name, variant.name)));
    const env = args[0] === 'up' ? context.env : withPlaceholders(context.model, context.env);
    return execa(found.argv[0]!, [...found.argv.slice(1), '-p', project, ...files, ...args], { env, reject: false, all: true });
  };
  const container = async (service: Service) => {
    const known = containerIds.get(service.name);
    const current = known ? await inspectContainer(known) : undefined;
    if (current) return current;
    containerIds.delete(service.name);
    const id = await containersByService(project).then(
      (byService) => byService.get(service.name),
      async () => {
        if (prepared && (await engineAnswers()) !== undefined) throw new ToolGone('the Docker engine stopped');
        return undefined;
      },
    );
    if (id) containerIds.set(service.name, id);
    return id ? inspectContainer(id) : undefined;
  };
  const ensure = (result: { exitCode?: number; all?: string }, what: string) => {
    if (result.exitCode !== 0) throw new Error(`${what} failed: ${(result.all ?? '').trim().split('\n').slice(-3).join(' / ')}`);
  };

  return {
    target: 'compose',
    async preflight() {
      const problems: string[] = [];
      const [engine, found] = await Promise.all([engineAnswers(), commandOnce()]);
      if (engine !== undefined) problems.push(`the Docker engine does not answer (${engine}): start dockerd, or check DOCKER_HOST`);
      if ('problem' in found) problems.push(found.problem);
      if (!existsSync(file)) problems.push(`${file} is missing: run \`orchgen build -t compose\``);
      return problems;
    },
    // One Compose call creates every container that does not exist yet; each start is then a
    // `docker start` (a tenth of a second) instead of a Compose run (half a second to a second).
    async prepare() {
      prepared = true;
      const existing = await containersByService(project);
      const missing = targetServices(context.model, 'compose').map((s) => s.name).filter((name) => !existing.has(name));
      if (missing.length === 0) return;
      const result = await compose(['up', '--no-start', '--no-deps', ...missing]);
      // When Compose cannot create them (an unset secret, a missing image), each start says why for its service.
      if (result.exitCode !== 0 && (await engineAnswers()) !== undefined) throw new ToolGone('the Docker engine stopped');
      const now = await containersByService(project);
      for (const name of missing) {
        const id = now.get(name);
        if (!id) continue;
        created.set(name, id);
        containerIds.set(name, id);
      }
    },
    async start(service, variant) {
      startedAt.set(service.name, Date.now());
      if (variant) variants.set(service.name, variant);
      else variants.delete(service.name);
      const precreated = created.get(service.name);
      created.delete(service.name);
      if (precreated && !variant) {
        containerIds.set(service.name, precreated);
        await startCreated(service.name, precreated).catch(async (error: unknown) => {
          throw (await engineAnswers()) === undefined ? error : new ToolGone('the Docker engine stopped');
        });
        return;
      }
      containerIds.delete(service.name);
      const result = await compose(['up', '-d', '--no-deps', '--force-recreate', service.name], variant);
      if (result.exitCode !== 0 && (await engineAnswers()) !== undefined) throw new ToolGone('the Docker engine stopped');
      ensure(result, `starting ${service.name}`);
    },
    async stop(service) {
      containerIds.delete(service.name);
      const seconds = String(Math.ceil(service.stop.timeoutMs / 1000));
      await compose(['stop', '-t', seconds, service.name], variants.get(service.name));
      await compose(['rm', '-f', '-s', service.name], variants.get(service.name));
    },
    async state(service): Promise<ServiceState> {
      const info = await container(service);
      if (!info) return { running: false, restarts: 0 };
      const state: ServiceState = { running: info.running, restarts: info.restarts };
      if (info.restarting) state.restarting = true;
      if (info.pid !== undefined) state.pid = info.pid;
      const restarted = info.restarts > 0 && info.running;
      const exitCode = restarted ? await lastExitCode(info.id, startedAt.get(service.name) ?? 0) : info.exitCode;
      if (exitCode !== undefined) state.exitCode = exitCode;
      if (info.startedAt !== undefined) state.since = info.startedAt;
      if (info.health !== undefined) state.health = info.health;
      return state;
    },
    async output(service) {
      const info = await container(service);
      return info ? containerOutput(info.id) : '';
    },
    async logs(service, lines) {
      const info = await container(service);
      return info ? containerOutput(info.id, undefined, lines) : '';
    },
    async exec(service, argv, timeoutMs) {
      const info = await container(service);
      return execWhereServiceRuns(service, info?.id, argv, timeoutMs, context.env);
    },
    footprint(services) {
      // Compose makes its default network for the services that set no network mode, and `down` removes it.
      const networked = services.some((s) => networkModeOf(s, { networkMode: context.model.settings.compose.networkMode }) === undefined);
      return { ...emptyFootprint(), networks: networked ? [projectNetworkName(project)] : [], compose: { project, services: services.map((s) => s.name) } };
    },
    async leftovers() {
      const result = await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}}'], { reject: false });
      return result.stdout.split('\n').filter(Boolean);
    },
    async discardUnstarted() {
      await removeCreated([...created.values()]);
      created.clear();
    },
    async finish() {
      await compose(['down', '--remove-orphans']);
    },
  };
};
