import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Service } from '../../model/types.js';
import { dockerExec } from '../docker.js';
import type { Driver, DriverFactory, RuntimeContext, ServiceState } from '../driver.js';
import { containersOf, emptyFootprint, networksOf } from '../footprint.js';
import { execOnHost } from '../probe.js';
import { ToolGone } from '../tool-gone.js';
import { targetServices } from '../services.js';
import { activeFallbackDropIn, containerName, dropInDir, fallbackArtifactPath, systemUnitDir, targetUnitName, unitName, unitPattern } from '../../targets/systemd/names.js';
import { pullUnitNames } from '../../targets/systemd/image.js';
import { networkUnitName } from '../../targets/systemd/network.js';
import { journalctlOf } from './commands.js';
import { lastMainExit, mainExit } from './main-exit.js';
import { writeSecretsFiles } from './secrets.js';

export const systemdDriver: DriverFactory = (context: RuntimeContext): Driver => {
  const { project } = context.model;
  const { options } = context;
  const unitDir = options.unitDir ?? (options.user ? join(homedir(), '.config', 'systemd', 'user') : systemUnitDir);
  const prefix = options.systemctl ?? ['systemctl'];
  const scope = [...(options.user ? ['--user'] : []), ...(options.host ? ['--host', options.host] : [])];
  const journal = journalctlOf(prefix);
  const systemctl = (...args: string[]) => execa(prefix[0]!, [...prefix.slice(1), ...scope, ...args], { reject: false, all: true });
  const journalctl = (...args: string[]) => execa(journal[0]!, [...journal.slice(1), ...scope, ...args], { reject: false, all: true });
  const unit = (service: Service) => unitName(project, service.name);
  const marks = new Map<string, { restarts: number; since: number }>();

  const show = async (service: Service) => {
    const result = await systemctl('show', unit(service), '-p', 'ActiveState,SubState,Type,ExecMainCode,ExecMainStatus,ExecMainStartTimestamp,NRestarts,LoadState');
    // Unlike a supervisor orchgen starts itself, systemd that does not answer says nothing of what runs.
    if (result.exitCode !== 0) throw silent(result, 'show');
    return Object.fromEntries(result.stdout.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  };
  /** systemd's own lines about the unit (UNIT=, USER_UNIT= for the user manager), never what the service printed. */
  const endInJournal = async (service: Service, since: number) => {
    const field = options.user ? 'USER_UNIT' : 'UNIT';
    const result = await journalctl(`${field}=${unit(service)}`, '--since', `@${Math.floor(since / 1000) - 1}`, '-o', 'cat', '--no-pager');
    return lastMainExit(result.stdout);
  };
  const silent = (result: Parameters<typeof failureOf>[0], verb: string) => new ToolGone(`systemd does not answer (${failureOf(result, [...prefix, ...scope, verb].join(' '))})`);
  const reload = async () => {
    const result = await systemctl('daemon-reload');
    if (result.exitCode !== 0) throw new Error(`systemctl daemon-reload failed: ${result.all}`);
  };

  return {
    target: 'systemd',
    async preflight() {
      const problems: string[] = [];
      const answer = await systemctl('show', '-p', 'Version');
      if (answer.exitCode !== 0) problems.push(silent(answer, 'show').message);
      if (!existsSync(join(context.artifactsDir, targetUnitName(project)))) problems.push(`${context.artifactsDir} has no units: run \`orchgen build -t systemd\``);
      return problems;
    },
    async prepare() {
      writeSecretsFiles(options.secretsDir ?? context.model.settings.systemd.secretsDir, targetServices(context.model, 'systemd'), context.env);
      mkdirSync(unitDir, { recursive: true });
      for (const name of readdirSync(context.artifactsDir)) {
        if (name.endsWith('.service') || name.endsWith('.target')) copyFileSync(join(context.artifactsDir, name), join(unitDir, name));
      }
      await reload();
    },
    async start(service, variant) {
      const dropIns = join(unitDir, dropInDir(unit(service)));
      rmSync(join(dropIns, activeFallbackDropIn), { force: true });
      if (variant) {
        mkdirSync(dropIns, { recursive: true });
        copyFileSync(join(context.artifactsDir, fallbackArtifactPath(service.name, variant.name)), join(dropIns, activeFallbackDropIn));
      }
      await reload();
      await systemctl('reset-failed', unit(service));
      const before = await show(service);
      marks.set(service.name, { restarts: Number(before.NRestarts ?? 0), since: Date.now() });
      const result = await systemctl('start', '--no-block', unit(service));
      if (result.exitCode !== 0) throw new Error(`systemctl start ${unit(service)} failed: ${result.all}`);
    },
    async stop(service) {
      await systemctl('stop', unit(service));
    },
    async state(service): Promise<ServiceState> {
      const props = await show(service);
      const mark = marks.get(service.name);
      const restarts = Math.max(0, Number(props.NRestarts ?? 0) - (mark?.restarts ?? 0));
      const finishedOneshot = props.Type === 'oneshot' && props.SubState === 'exited';
      const running = !finishedOneshot && ['active', 'activating', 'reloading'].includes(props.ActiveState ?? '') && props.SubState !== 'auto-restart';
      const state: ServiceState = { running, restarts: props.SubState === 'auto-restart' ? restarts + 1 : restarts };
      const started = props.ExecMainStartTimestamp && props.ExecMainStartTimestamp !== 'n/a';
      const restartedNow = running && state.restarts > 0 && mark ? await endInJournal(service, mark.since) : undefined;
      if (started && (!running || state.restarts > 0)) Object.assign(state, restartedNow ?? mainExit(props.ExecMainCode, Number(props.ExecMainStatus ?? 0)));
      if (props.SubState === 'auto-restart') state.restarting = true;
      if (mark) state.since = mark.since;
      return state;
    },
    async output(service) {
      const since = marks.get(service.name)?.since ?? Date.now();
      const result = await journalctl('-u', unit(service), '--since', `@${Math.floor(since / 1000) - 1}`, '-o', 'cat', '--no-pager');
      return result.stdout;
    },
    async logs(service, lines) {
      const result = await journalctl('-u', unit(service), '-n', String(lines), '-o', 'cat', '--no-pager');
      return result.stdout ? `${result.stdout}\n` : '';
    },
    async exec(service, argv, timeoutMs) {
      if (service.kind === 'container') return dockerExec(containerName(project, service.name), argv, timeoutMs);
      return execOnHost(argv, timeoutMs, context.env);
    },
    footprint(services) {
      if (options.host !== undefined) return { ...emptyFootprint(), elsewhere: `the services run on ${options.host}` };
      return { ...emptyFootprint(), containers: containersOf(services, (name) => containerName(project, name)), networks: networksOf(project, services), units: services.map(unit) };
    },
    async leftovers() {
      const result = await systemctl('list-units', unitPattern(project), '--state=active,activating,deactivating', '--plain', '--no-legend');
      if (result.exitCode !== 0) throw silent(result, 'list-units');
      return result.stdout.split('\n').map((line) => line.trim().split(/\s+/)[0] ?? '').filter(Boolean);
    },
    async finish() {
      // The image and network units are stopped with the target (PartOf=), named too so that systemctl waits for them.
      const services = targetServices(context.model, 'systemd');
      const pulls = [...pullUnitNames(context.model, services).values()];
      const network = networkUnitName(context.model, services);
      await systemctl('stop', targetUnitName(project), ...pulls, ...(network === undefined ? [] : [network]));
    },
  };
};

/** The command and what it said when it failed, or, when it said nothing (its container killed under it), how it ended. */
function failureOf(result: { all?: string; exitCode?: number; signal?: string }, command: string): string {
  const said = result.all?.trim().split('\n')[0];
  if (said) return `\`${command}\`: ${said}`;
  return result.signal ? `\`${command}\` was killed by ${result.signal}` : `\`${command}\` exited with code ${result.exitCode}`;
}
