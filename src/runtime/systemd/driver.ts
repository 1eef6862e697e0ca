import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Fallback, Service } from '../../model/types.js';
import { dockerExec } from '../docker.js';
import type { Driver, DriverFactory, RuntimeContext, ServiceState } from '../driver.js';
import { systemdOptions, type SystemdOptions } from './options.js';
import { containersOf, emptyFootprint, networksOf, type Footprint } from '../footprint.js';
import { execOnHost } from '../probe.js';
import { ToolGone } from '../tool-gone.js';
import { targetServices } from '../services.js';
import { activeFallbackDropIn, containerName, dropInDir, fallbackArtifactPath, systemUnitDir, targetUnitName, unitName, unitPattern } from '../../targets/systemd/names.js';
import { pullUnitNames } from '../../targets/systemd/image.js';
import { networkUnitName } from '../../targets/systemd/network.js';
import { journalctlOf } from './commands.js';
import { lastMainExit, mainExit } from './main-exit.js';
import { writeSecretsFiles } from './secrets.js';

type CommandResult = { all?: string; exitCode?: number; signal?: string; stdout: string };

/** The unit's properties `state` reads, as `systemctl show -p` gives them. */
const shownProperties = 'ActiveState,SubState,Type,ExecMainCode,ExecMainStatus,ExecMainStartTimestamp,NRestarts,LoadState';

/** systemd, through systemctl and journalctl: plain, after a prefix (`docker exec box`), for the user's manager or on a host. */
export class SystemdDriver implements Driver {
  readonly target = 'systemd' as const;
  private readonly project: string;
  private readonly unitDir: string;
  private readonly prefix: string[];
  private readonly scope: string[];
  private readonly journal: string[];
  /** Restarts systemd had counted, and when, as `up` started each unit. */
  private readonly marks = new Map<string, { restarts: number; since: number }>();

  private readonly options: SystemdOptions;
  /** Its containers run on this machine's engine, unless systemd is on another host or in a container. */
  readonly localEngine: boolean;

  constructor(private readonly context: RuntimeContext) {
    const options = systemdOptions(context.options);
    this.options = options;
    this.localEngine = options.host === undefined && options.systemctl === undefined;
    this.project = context.model.project;
    this.unitDir = options.unitDir ?? (options.user ? join(homedir(), '.config', 'systemd', 'user') : systemUnitDir);
    this.prefix = options.systemctl ?? ['systemctl'];
    this.scope = [...(options.user ? ['--user'] : []), ...(options.host ? ['--host', options.host] : [])];
    this.journal = journalctlOf(this.prefix);
  }

  async preflight(): Promise<string[]> {
    const problems: string[] = [];
    const answer = await this.systemctl('show', '-p', 'Version');
    if (answer.exitCode !== 0) problems.push(this.silent(answer, 'show').message);
    if (!existsSync(join(this.context.artifactsDir, targetUnitName(this.project)))) problems.push(`${this.context.artifactsDir} has no units: run \`orchgen build -t systemd\``);
    return problems;
  }

  async prepare(): Promise<void> {
    const { context } = this;
    writeSecretsFiles(this.options.secretsDir ?? context.model.settings.systemd.secretsDir, targetServices(context.model, 'systemd'), context.env);
    mkdirSync(this.unitDir, { recursive: true });
    for (const name of readdirSync(context.artifactsDir)) {
      if (name.endsWith('.service') || name.endsWith('.target')) copyFileSync(join(context.artifactsDir, name), join(this.unitDir, name));
    }
    await this.reload();
  }

  async start(service: Service, variant?: Fallback): Promise<void> {
    this.placeFallbackDropIn(service, variant);
    await this.reload();
    await this.systemctl('reset-failed', this.unit(service));
    const before = await this.show(service);
    this.marks.set(service.name, { restarts: Number(before.NRestarts ?? 0), since: Date.now() });
    const result = await this.systemctl('start', '--no-block', this.unit(service));
    if (result.exitCode !== 0) throw new Error(`systemctl start ${this.unit(service)} failed: ${result.all}`);
  }

  /** The variant's drop-in in place of the one before, or none for the service itself. */
  private placeFallbackDropIn(service: Service, variant?: Fallback): void {
    const dropIns = join(this.unitDir, dropInDir(this.unit(service)));
    rmSync(join(dropIns, activeFallbackDropIn), { force: true });
    if (!variant) return;
    mkdirSync(dropIns, { recursive: true });
    copyFileSync(join(this.context.artifactsDir, fallbackArtifactPath(service.name, variant.name)), join(dropIns, activeFallbackDropIn));
  }

  async stop(service: Service): Promise<void> {
    await this.systemctl('stop', this.unit(service));
  }

  async state(service: Service): Promise<ServiceState> {
    const props = await this.show(service);
    const mark = this.marks.get(service.name);
    const restarts = Math.max(0, Number(props.NRestarts ?? 0) - (mark?.restarts ?? 0));
    const finishedOneshot = props.Type === 'oneshot' && props.SubState === 'exited';
    const running = !finishedOneshot && ['active', 'activating', 'reloading'].includes(props.ActiveState ?? '') && props.SubState !== 'auto-restart';
    const state: ServiceState = { running, restarts: props.SubState === 'auto-restart' ? restarts + 1 : restarts };
    const started = props.ExecMainStartTimestamp && props.ExecMainStartTimestamp !== 'n/a';
    const restartedNow = running && state.restarts > 0 && mark ? await this.endInJournal(service, mark.since) : undefined;
    if (started && (!running || state.restarts > 0)) Object.assign(state, restartedNow ?? mainExit(props.ExecMainCode, Number(props.ExecMainStatus ?? 0)));
    if (props.SubState === 'auto-restart') state.restarting = true;
    if (props.ActiveState === 'activating' && props.SubState === 'start-post') state.gated = true;
    if (mark) state.since = mark.since;
    return state;
  }

  async output(service: Service): Promise<string> {
    const since = this.marks.get(service.name)?.since ?? Date.now();
    const result = await this.journalctl('-u', this.unit(service), '--since', `@${Math.floor(since / 1000) - 1}`, '-o', 'cat', '--no-pager');
    return result.stdout;
  }

  async logs(service: Service, lines: number): Promise<string> {
    const result = await this.journalctl('-u', this.unit(service), '-n', String(lines), '-o', 'cat', '--no-pager');
    return result.stdout ? `${result.stdout}\n` : '';
  }

  exec(service: Service, argv: string[], timeoutMs: number): Promise<number> {
    if (service.kind === 'container') return dockerExec(containerName(this.project, service.name), argv, timeoutMs);
    return execOnHost(argv, timeoutMs, this.context.env);
  }

  footprint(services: readonly Service[]): Footprint {
    const { host } = this.options;
    if (host !== undefined) return { ...emptyFootprint(), elsewhere: `the services run on ${host}` };
    const containers = containersOf(services, (name) => containerName(this.project, name));
    return { ...emptyFootprint(), containers, networks: networksOf(this.project, services), units: services.map((s) => this.unit(s)) };
  }

  async leftovers(): Promise<string[]> {
    const result = await this.systemctl('list-units', unitPattern(this.project), '--state=active,activating,deactivating', '--plain', '--no-legend');
    if (result.exitCode !== 0) throw this.silent(result, 'list-units');
    return result.stdout.split('\n').map((line) => line.trim().split(/\s+/)[0] ?? '').filter(Boolean);
  }

  async finish(): Promise<void> {
    // The image and network units are stopped with the target (PartOf=), named too so that systemctl waits for them.
    const services = targetServices(this.context.model, 'systemd');
    const pulls = [...pullUnitNames(this.context.model, services).values()];
    const network = networkUnitName(this.context.model, services);
    await this.systemctl('stop', targetUnitName(this.project), ...pulls, ...(network === undefined ? [] : [network]));
  }

  private unit(service: Service): string {
    return unitName(this.project, service.name);
  }

  private systemctl(...args: string[]): Promise<CommandResult> {
    return execa(this.prefix[0]!, [...this.prefix.slice(1), ...this.scope, ...args], { reject: false, all: true });
  }

  private journalctl(...args: string[]): Promise<CommandResult> {
    return execa(this.journal[0]!, [...this.journal.slice(1), ...this.scope, ...args], { reject: false, all: true });
  }

  private async show(service: Service): Promise<Record<string, string>> {
    const result = await this.systemctl('show', this.unit(service), '-p', shownProperties);
    // Unlike a supervisor orchgen starts itself, systemd that does not answer says nothing of what runs.
    if (result.exitCode !== 0) throw this.silent(result, 'show');
    return Object.fromEntries(result.stdout.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  }

  /** systemd's own lines about the unit (UNIT=, USER_UNIT= for the user manager), never what the service printed. */
  private async endInJournal(service: Service, since: number) {
    const field = this.options.user ? 'USER_UNIT' : 'UNIT';
    const result = await this.journalctl(`${field}=${this.unit(service)}`, '--since', `@${Math.floor(since / 1000) - 1}`, '-o', 'cat', '--no-pager');
    return lastMainExit(result.stdout);
  }

  private silent(result: CommandResult, verb: string): ToolGone {
    return new ToolGone(`systemd does not answer (${failureOf(result, [...this.prefix, ...this.scope, verb].join(' '))})`);
  }

  private async reload(): Promise<void> {
    const result = await this.systemctl('daemon-reload');
    if (result.exitCode !== 0) throw new Error(`systemctl daemon-reload failed: ${result.all}`);
  }
}

export const systemdDriver: DriverFactory = (context) => new SystemdDriver(context);

/** The command and what it said when it failed, or, when it said nothing (its container killed under it), how it ended. */
function failureOf(result: CommandResult, command: string): string {
  const said = result.all?.trim().split('\n')[0];
  if (said) return `\`${command}\`: ${said}`;
  return result.signal ? `\`${command}\` was killed by ${result.signal}` : `\`${command}\` exited with code ${result.exitCode}`;
}
