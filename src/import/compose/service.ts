import { posix } from 'node:path';
import { convertCommand } from './command.js';
import { code, type ServiceContext } from './context.js';
import { convertCapabilities, convertEntrypoint, convertExtraHosts, convertInit, convertLogging } from './container-keys.js';
import { convertDependsOn } from './depends.js';
import { convertDevices } from './devices.js';
import { convertEnvFile, convertEnvironment, type PassThrough } from './env.js';
import { convertFileMounts } from './file-mounts.js';
import { convertHealthcheck } from './health.js';
import { dropSetting, keepNative, setNative } from './native.js';
import { convertNetworks } from './networks.js';
import { convertPorts } from './ports.js';
import { referenceKeys, renameReferences } from './references.js';
import { convertDeploy, convertGpus, convertLimit } from './resources.js';
import { convertRestart, convertStop } from './restart.js';
import { literalValue, scalarText } from './strings.js';
import { convertVolumes } from './volumes.js';

/** What the whole import learns from one service. */
export interface ServiceFacts {
  /** Compose defaults the service relies on: `restart`, `health.interval`, `health.timeout`. */
  composeDefaults: Set<string>;
  /** Environment keys given without a value, set now, whose names say they are secrets: required, not passed on when set. */
  requiredSecrets: PassThrough[];
  /** Compose names of the services that are only in a profile. */
  optional: ReadonlySet<string>;
  /** The `network_mode` every service has, which becomes the Compose target's setting. */
  networkMode?: string;
}

type Handler = (ctx: ServiceContext, value: unknown, service: Record<string, unknown>, facts: ServiceFacts) => void;

/** The keys orchgen reads, in the order they are converted (deploy before mem_limit and cpus). */
const handlers: Array<[string, Handler]> = [
  ['image', (ctx, v) => convertImage(ctx, v)],
  ['build', (ctx, v) => keepNative(ctx, 'build', rebaseBuild(ctx, v), 'orchgen runs images and builds none (its context, relative to orchgen.yaml, is rebased where `orchgen build` writes the Compose file)')],
  ['entrypoint', (ctx, v) => convertEntrypoint(ctx, v)],
  ['command', (ctx, v) => convertCommand(ctx, v)],
  ['environment', (ctx, v, _, facts) => convertEnvironment(ctx, v, facts.requiredSecrets)],
  ['env_file', (ctx, v) => convertEnvFile(ctx, v)],
  ['ports', (ctx, v) => convertPorts(ctx, v)],
  ['volumes', (ctx, v) => convertVolumes(ctx, v)],
  ['devices', (ctx, v) => convertDevices(ctx, v)],
  ['cap_add', (ctx, v) => convertCapabilities(ctx, 'cap_add', v)],
  ['cap_drop', (ctx, v) => convertCapabilities(ctx, 'cap_drop', v)],
  ['extra_hosts', (ctx, v) => convertExtraHosts(ctx, v)],
  ['init', (ctx, v) => convertInit(ctx, v)],
  ['logging', (ctx, v) => convertLogging(ctx, v)],
  ['healthcheck', (ctx, v, _, facts) => convertHealthcheck(ctx, v, facts.composeDefaults)],
  ['depends_on', (ctx, v, _, facts) => convertDependsOn(ctx, v, facts.optional)],
  ['restart', (ctx, v) => convertRestart(ctx, v)],
  ['stop_signal', (ctx, v, s) => convertStop(ctx, v, s.stop_grace_period)],
  ['stop_grace_period', (ctx, v, s) => s.stop_signal === undefined && convertStop(ctx, undefined, v)],
  ['deploy', (ctx, v) => convertDeploy(ctx, v)],
  ['gpus', (ctx, v) => convertGpus(ctx, v)],
  ['mem_limit', (ctx, v) => convertLimit(ctx, 'mem_limit', v)],
  ['cpus', (ctx, v) => convertLimit(ctx, 'cpus', v)],
  ['profiles', (ctx, v) => convertProfiles(ctx, v)],
  ['user', (ctx, v) => convertUser(ctx, v)],
  ['working_dir', (ctx, v) => convertWorkdir(ctx, v)],
  ['networks', (ctx, v) => convertNetworks(ctx, v)],
  ['network_mode', (ctx, v, _, facts) => v !== facts.networkMode && keepNative(ctx, 'network_mode', renameReferences('network_mode', v, ctx.names))],
  ['secrets', (ctx, v) => convertFileMounts(ctx, 'secrets', v)],
  ['configs', (ctx, v) => convertFileMounts(ctx, 'configs', v)],
];

const handled = new Set(handlers.map(([key]) => key));

/** The order of keys in an orchgen service. */
const keyOrder = ['image', 'entrypoint', 'command', 'workdir', 'user', 'env', 'env_file', 'env_required', 'env_optional', 'ports', 'volumes', 'devices', 'cap_add', 'cap_drop', 'extra_hosts', 'init', 'logging', 'essential', 'depends_on', 'health', 'restart', 'stop', 'resources', 'gpu'];

/** One Compose service as an orchgen service, in spec key order. */
export function convertService(ctx: ServiceContext, service: Record<string, unknown>, facts: ServiceFacts): Record<string, unknown> {
  for (const [key, handler] of handlers) if (service[key] !== undefined) handler(ctx, service[key], service, facts);
  for (const [key, value] of Object.entries(service)) {
    if (handled.has(key)) continue;
    keepNative(ctx, key, referenceKeys.has(key) ? renameReferences(key, value, ctx.names) : value);
  }
  if (service.restart === undefined) facts.composeDefaults.add('restart');
  if (ctx.out.image === undefined && service.build !== undefined) {
    ctx.out.image = `${ctx.project}-${ctx.name}`;
    ctx.warn('W204', `${code(ctx.source)} is built and has no image: orchgen names its image after the project and the service, as the Compose build tags it; build it (docker compose build) before other targets run it`, ['build']);
    ctx.note(['image'], 'the image the Compose build tags; build it first for the other targets');
  }
  if (ctx.out.image === undefined && service.image === undefined && service.build === undefined) {
    ctx.warn('W204', `${code(ctx.source)} has neither image nor build, which Compose cannot run; orchgen would run its command on the host`, []);
  }
  keepGpuHealthTiming(ctx);
  if (facts.networkMode === undefined) keepOldName(ctx);
  const out: Record<string, unknown> = {};
  for (const key of keyOrder) if (ctx.out[key] !== undefined) out[key] = ctx.out[key];
  if (Object.keys(ctx.native).length > 0) out.native = { compose: ctx.native };
  return out;
}

function convertImage(ctx: ServiceContext, value: unknown): void {
  const text = scalarText(value);
  if (text === undefined || text === '') return dropSetting(ctx, ['image'], value, 'not an image name');
  ctx.out.image = literalValue(text);
}

/** A build context relative to the Compose file, made relative to the orchgen.yaml like every path of the spec. */
function rebaseBuild(ctx: ServiceContext, value: unknown): unknown {
  const fromSpec = (path: string) => (path === '.' || path.startsWith('../') ? path : `./${path}`);
  const rebase = (context: unknown) => (typeof context === 'string' && !/^([a-z]+:\/\/|git@|\/|~)/.test(context) ? fromSpec(posix.normalize(ctx.rebase(context))) : context);
  if (typeof value === 'string') return rebase(value);
  if (typeof value === 'object' && value !== null && 'context' in value) return { ...value, context: rebase((value as { context: unknown }).context) };
  return value;
}

function convertProfiles(ctx: ServiceContext, value: unknown): void {
  const profiles = Array.isArray(value) ? value.map(String) : [String(value)];
  ctx.out.essential = false;
  ctx.native.profiles = value;
  ctx.warn('W204', `${code(ctx.source)} is only in the Compose profile${profiles.length === 1 ? '' : 's'} ${profiles.join(', ')}: orchgen starts it with the stack as an optional service (essential: false); the Compose build keeps the profile`, ['profiles']);
  ctx.note(['essential'], `only in the Compose profile${profiles.length === 1 ? '' : 's'} ${profiles.join(', ')}: the Compose build keeps ${profiles.length === 1 ? 'it' : 'them'} (native.compose.profiles), other targets start it with the stack`);
}

const userName = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function convertUser(ctx: ServiceContext, value: unknown): void {
  const text = scalarText(value);
  if (text !== undefined && userName.test(text)) ctx.out.user = text;
  else keepNative(ctx, 'user', value, 'orchgen users are a single name or id (no group)');
}

function convertWorkdir(ctx: ServiceContext, value: unknown): void {
  const text = scalarText(value);
  const literal = text === undefined ? undefined : literalValue(text);
  if (literal?.startsWith('/')) ctx.out.workdir = literal;
  else keepNative(ctx, 'working_dir', value, 'orchgen needs an absolute workdir');
}

/** Compose starts health checks at once; orchgen would give a GPU service two minutes first. */
function keepGpuHealthTiming(ctx: ServiceContext): void {
  const health = ctx.out.health as Record<string, unknown> | undefined;
  if (!ctx.out.gpu || !health || health.start_period !== undefined) return;
  ctx.out.health = { ...health, start_period: '0s' };
  ctx.note(['health', 'start_period'], "Compose's default; orchgen's own for GPU services is 2m");
}

/** A renamed service stays reachable by its old name on the Compose network. */
function keepOldName(ctx: ServiceContext): void {
  if (ctx.source.toLowerCase() === ctx.name || ctx.native.network_mode !== undefined) return;
  const networks = (ctx.native.networks ?? {}) as Record<string, { aliases?: string[] } | null>;
  const aliases = networks.default?.aliases ?? [];
  setNative(ctx, ['networks', 'default', 'aliases'], [...aliases, ...(aliases.includes(ctx.source) ? [] : [ctx.source])]);
  ctx.note(['native'], `the Compose build keeps the old name ${ctx.source} as a network alias, so other containers still reach it by it`);
}
