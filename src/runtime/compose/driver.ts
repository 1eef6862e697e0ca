import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Fallback, Service } from '../../model/types.js';
import { composeFileName, overrideFile, projectName } from '../../targets/compose/names.js';
import { networkModeOf } from '../../targets/compose/service.js';
import { projectNetworkName } from '../../targets/shared/container/network.js';
import { containerOutput, engineAnswers, inspectContainer, lastExitCode } from '../docker.js';
import type { Driver, DriverFactory, RuntimeContext, ServiceState } from '../driver.js';
import { emptyFootprint, type Footprint } from '../footprint.js';
import { execWhereServiceRuns } from '../exec-where.js';
import { targetServices } from '../services.js';
import { ToolGone } from '../tool-gone.js';
import { composeCommand, type ComposeCommand } from './command.js';
import { containersByService, removeCreated, startCreated } from './created.js';
import { withPlaceholders } from './placeholders.js';

type Container = NonNullable<Awaited<ReturnType<typeof inspectContainer>>>;

/**
 * Docker Compose (v2 or v1) with the Docker engine. One Compose call in `prepare` creates every
 * container that does not exist yet; each start is then a `docker start` (a tenth of a second)
 * instead of a Compose run (half a second to a second).
 */
export class ComposeDriver implements Driver {
  readonly target = 'compose' as const;
  private readonly project: string;
  private readonly file: string;
  private command: Promise<ComposeCommand> | undefined;
  /** Containers `prepare` had Compose create, by service, until this run starts them. */
  private readonly created = new Map<string, string>();
  private readonly variants = new Map<string, Fallback>();
  private readonly startedAt = new Map<string, number>();
  /** The container found for each service: asked about directly until it is gone or replaced. */
  private readonly containerIds = new Map<string, string>();
  private prepared = false;

  constructor(private readonly context: RuntimeContext) {
    this.project = projectName(context.model.project);
    this.file = join(context.artifactsDir, composeFileName);
  }

  async preflight(): Promise<string[]> {
    const problems: string[] = [];
    const [engine, found] = await Promise.all([engineAnswers(), this.composeCommand()]);
    if (engine !== undefined) problems.push(`the Docker engine does not answer (${engine}): start dockerd, or check DOCKER_HOST`);
    if ('problem' in found) problems.push(found.problem);
    if (!existsSync(this.file)) problems.push(`${this.file} is missing: run \`orchgen build -t compose\``);
    return problems;
  }

  async prepare(): Promise<void> {
    this.prepared = true;
    const existing = await containersByService(this.project);
    const missing = targetServices(this.context.model, 'compose').map((s) => s.name).filter((name) => !existing.has(name));
    if (missing.length === 0) return;
    const result = await this.compose(['up', '--no-start', '--no-deps', ...missing]);
    // When Compose cannot create them (an unset secret, a missing image), each start says why for its service.
    if (result.exitCode !== 0 && (await engineAnswers()) !== undefined) throw new ToolGone('the Docker engine stopped');
    const now = await containersByService(this.project);
    for (const name of missing) {
      const id = now.get(name);
      if (!id) continue;
      this.created.set(name, id);
      this.containerIds.set(name, id);
    }
  }

  async start(service: Service, variant?: Fallback): Promise<void> {
    this.startedAt.set(service.name, Date.now());
    if (variant) this.variants.set(service.name, variant);
    else this.variants.delete(service.name);
    const precreated = this.created.get(service.name);
    this.created.delete(service.name);
    if (precreated && !variant) return this.startPrecreated(service, precreated);
    this.containerIds.delete(service.name);
    const result = await this.compose(['up', '-d', '--no-deps', '--force-recreate', service.name], variant);
    if (result.exitCode !== 0 && (await engineAnswers()) !== undefined) throw new ToolGone('the Docker engine stopped');
    ensure(result, `starting ${service.name}`);
  }

  private async startPrecreated(service: Service, id: string): Promise<void> {
    this.containerIds.set(service.name, id);
    await startCreated(service.name, id).catch(async (error: unknown) => {
      throw (await engineAnswers()) === undefined ? error : new ToolGone('the Docker engine stopped');
    });
  }

  async stop(service: Service): Promise<void> {
    this.containerIds.delete(service.name);
    const seconds = String(Math.ceil(service.stop.timeoutMs / 1000));
    await this.compose(['stop', '-t', seconds, service.name], this.variants.get(service.name));
    await this.compose(['rm', '-f', '-s', service.name], this.variants.get(service.name));
  }

  async state(service: Service): Promise<ServiceState> {
    const info = await this.container(service);
    if (!info) return { running: false, restarts: 0 };
    const state: ServiceState = { running: info.running, restarts: info.restarts };
    if (info.restarting) state.restarting = true;
    if (info.pid !== undefined) state.pid = info.pid;
    const restarted = info.restarts > 0 && info.running;
    const exitCode = restarted ? await lastExitCode(info.id, this.startedAt.get(service.name) ?? 0) : info.exitCode;
    if (exitCode !== undefined) state.exitCode = exitCode;
    if (info.startedAt !== undefined) state.since = info.startedAt;
    if (info.health !== undefined) state.health = info.health;
    return state;
  }

  async output(service: Service): Promise<string> {
    const info = await this.container(service);
    return info ? containerOutput(info.id) : '';
  }

  async logs(service: Service, lines: number): Promise<string> {
    const info = await this.container(service);
    return info ? containerOutput(info.id, undefined, lines) : '';
  }

  async exec(service: Service, argv: string[], timeoutMs: number): Promise<number> {
    const info = await this.container(service);
    return execWhereServiceRuns(service, info?.id, argv, timeoutMs, this.context.env);
  }

  footprint(services: readonly Service[]): Footprint {
    // Compose makes its default network for the services that set no network mode, and `down` removes it.
    const networkMode = this.context.model.settings.compose.networkMode;
    const networked = services.some((s) => networkModeOf(s, { networkMode }) === undefined);
    return { ...emptyFootprint(), networks: networked ? [projectNetworkName(this.project)] : [], compose: { project: this.project, services: services.map((s) => s.name) } };
  }

  async leftovers(): Promise<string[]> {
    const result = await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${this.project}`, '--format', '{{.Names}}'], { reject: false });
    return result.stdout.split('\n').filter(Boolean);
  }

  async discardUnstarted(): Promise<void> {
    await removeCreated([...this.created.values()]);
    this.created.clear();
  }

  async finish(): Promise<void> {
    await this.compose(['down', '--remove-orphans']);
  }

  private composeCommand(): Promise<ComposeCommand> {
    return (this.command ??= composeCommand());
  }

  private async compose(args: string[], variant?: Fallback) {
    const found = await this.composeCommand();
    if ('problem' in found) throw new Error(found.problem);
    const files = ['-f', this.file];
    if (variant) files.push('-f', join(this.context.artifactsDir, overrideFile(variant.service.name, variant.name)));
    const env = args[0] === 'up' ? this.context.env : withPlaceholders(this.context.model, this.context.env);
    return execa(found.argv[0]!, [...found.argv.slice(1), '-p', this.project, ...files, ...args], { env, reject: false, all: true });
  }

  /** The service's container: the one known, else the one Compose labels with the service. */
  private async container(service: Service): Promise<Container | undefined> {
    const known = this.containerIds.get(service.name);
    const current = known ? await inspectContainer(known) : undefined;
    if (current) return current;
    this.containerIds.delete(service.name);
    const id = await containersByService(this.project).then(
      (byService) => byService.get(service.name),
      async () => {
        if (this.prepared && (await engineAnswers()) !== undefined) throw new ToolGone('the Docker engine stopped');
        return undefined;
      },
    );
    if (id) this.containerIds.set(service.name, id);
    return id ? inspectContainer(id) : undefined;
  }
}

export const composeDriver: DriverFactory = (context) => new ComposeDriver(context);

function ensure(result: { exitCode?: number; all?: string }, what: string): void {
  if (result.exitCode !== 0) throw new Error(`${what} failed: ${(result.all ?? '').trim().split('\n').slice(-3).join(' / ')}`);
}
