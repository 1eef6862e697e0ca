import { basename } from 'node:path';
import { expandDocument } from '../../spec/expand.js';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { renderDraft, type Note, type Path } from '../document.js';
import { locatePath } from '../locate.js';
import { assignNames, isValidName, toName } from '../names.js';
import { headerLines, rebaser, type ImportResult, type ImportTarget } from '../output.js';
import type { ImportCode } from '../warnings.js';
import { code, type ServiceContext } from './context.js';
import { convertService, type ServiceFacts } from './service.js';
import { resolveExtends, type ReadBeside } from './extends.js';
import { fillDefinitions, fillServices, fillText, nameErrors, type FillError } from './fill-services.js';
import { isRecord } from './records.js';
import { relativePathsNotice } from './relative-paths.js';
import { groupByCause, type ServiceWarning } from './grouping.js';
import { envFileWarning } from './env-files.js';
import { fileMountErrors } from './file-mounts.js';
import { fileNotes, fileWarnings } from './summary.js';
import { loadVariables, type Interpolator, type VariableInput } from './variables.js';
import { convertVolumeDefinitions, type VolumeDefinitions } from './volume-definitions.js';
import { convertNetworkDefinitions, type NetworkDefinitions } from './network-definitions.js';
import { definedEntries, definitionKeys, warnDropped } from './top-level.js';

export interface ComposeInput {
  /** The Compose file as printed in warnings. */
  file: string;
  text: string;
  /** Its folder (absolute): relative paths in it start there. */
  dir: string;
  /** What Compose interpolates with: the .env beside the file and the environment. */
  variables?: VariableInput;
  /** Reads a file `extends` names, relative to `dir`. */
  readBeside?: ReadBeside;
}

/** A Compose file as an orchgen.yaml. Pure: reads and writes nothing. */
export function importCompose(input: ComposeInput, target: ImportTarget): ImportResult {
  const read = readCompose(input);
  if ('error' in read) return { warnings: [], error: read.error };
  const { doc, lines, data, written } = read;
  const { interpolator, problems } = loadVariables(input.variables ?? {});
  const warnings: ServiceWarning[] = [];
  const notes: Note[] = [];
  const warn: Warn = (code, message, path, atValue = false, service) =>
    warnings.push({ code, message, file: input.file, ...locatePath(doc, lines, path, atValue), ...(service !== undefined ? { service } : {}) });
  const prepared = prepareServices(input, data, written, interpolator, (path) => locatePath(doc, lines, path, true));
  if ('error' in prepared) return { warnings: problems, error: prepared.error };
  const { services, extendedFrom, definitions } = prepared;

  const project = projectName(data.name, input.dir, target.project, interpolator, (message) => warn('W202', message, ['name'], true));
  const names = assignNames(Object.keys(services));
  for (const [source, where] of extendedFrom) notes.push({ path: ['services', names.get(source)!], text: `the settings of ${where} merged in, as its \`extends\` asks` });
  warnRenamed(names, warn);
  const facts: ServiceFacts = {
    composeDefaults: new Set(),
    requiredSecrets: [],
    optional: new Set(Object.entries(services).filter(([, s]) => isRecord(s) && s.profiles !== undefined).map(([n]) => n)),
  };
  const networkMode = sharedNetworkMode(Object.values(services));
  if (networkMode !== undefined) facts.networkMode = networkMode;
  const out = convertServices(services, facts, { project, names, warn, notes, rebase: rebaser(input.dir, target.outDir), interpolator, definitions });
  const volumes = convertVolumeDefinitions(definitions.volumes, out);
  const networks = convertNetworkDefinitions(definitions.networks, services);
  topLevel({ ...data, ...definitions }, { volumes, networks }, warn, notes);
  const relative = relativePathsNotice(out, new Map([...names].map(([source, name]) => [name, source])), project);
  if (relative) {
    warn('W207', relative.message, relative.path);
    notes.push(relative.note);
  }
  for (const w of fileWarnings(interpolator, facts.requiredSecrets)) warn(w.code, w.message, w.path);
  const envFiles = envFileWarning(services, input.readBeside);
  if (envFiles) warn('W204', envFiles.message, envFiles.path);
  notes.push(...fileNotes(interpolator));
  const spec: Record<string, unknown> = { version: 1, project };
  const defaults = composeDefaults(facts.composeDefaults, notes);
  if (defaults) spec.defaults = defaults;
  spec.services = out;
  if (volumes.volumes) spec.volumes = volumes.volumes;
  if (networkMode !== undefined) {
    spec.targets = { compose: { network_mode: networkMode } };
    notes.push({ path: ['targets'], text: `network_mode ${networkMode} of every service in the Compose file` });
  }
  const header = headerLines(target.schemaRef, `Imported from ${basename(input.file)} by \`orchgen import compose\`; the comments mark what needs a look.`);
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  return { text: renderDraft({ header, data: spec, notes }), warnings: [...problems, ...groupByCause(warnings)] };
}

interface ReadCompose {
  doc: Document.Parsed;
  lines: LineCounter;
  data: Record<string, unknown>;
  /** Its `services`, as written. */
  written: Record<string, unknown>;
}

/** The Compose file parsed, or why it cannot be imported. */
function readCompose(input: ComposeInput): ReadCompose | { error: string } {
  const lines = new LineCounter();
  const doc = parseDocument(input.text, { lineCounter: lines, prettyErrors: false, merge: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const pos = lines.linePos(error.pos[0]);
    return { error: `${input.file}:${pos.line}:${pos.col}: ${error.message.split('\n')[0]}` };
  }
  keepEnvironmentText(doc);
  const expanded = expandDocument(doc);
  if (!('value' in expanded)) {
    const pos = lines.linePos(expanded.offset);
    return { error: `${input.file}:${pos.line}:${pos.col}: ${expanded.message}` };
  }
  const data = expanded.value;
  const written = isRecord(data) ? data.services : undefined;
  if (!isRecord(data) || !isRecord(written) || Object.keys(written).length === 0) {
    return { error: `${input.file}: not a Compose file: no \`services\`` };
  }
  return { doc, lines, data, written };
}

/** One warning for every service renamed. */
function warnRenamed(names: ReadonlyMap<string, string>, warn: Warn): void {
  const renamed = [...names].filter(([source, name]) => source !== name);
  if (renamed.length === 0) return;
  const [source, name] = renamed[0]!;
  const what = renamed.length === 1 ? `service ${code(source)} renamed ${code(name)}` : `${renamed.length} services renamed (${renamed.map(([s, n]) => `${code(s)} as ${code(n)}`).join(', ')})`;
  warn('W202', `${what}: orchgen names are lower-case letters, digits and dashes`, ['services', source]);
}

type Warn = (code: ImportCode, message: string, path: Path, atValue?: boolean, service?: string) => void;

/** What every service's conversion shares. */
interface Shared extends Pick<ServiceContext, 'project' | 'names' | 'rebase' | 'interpolator' | 'definitions'> {
  warn: Warn;
  notes: Note[];
}

function convertServices(services: Record<string, unknown>, facts: ServiceFacts, shared: Shared): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [source, service] of Object.entries(services)) {
    const name = shared.names.get(source)!;
    const at = ['services', source];
    const ctx: ServiceContext = {
      source,
      name,
      project: shared.project,
      names: shared.names,
      out: {},
      native: {},
      warn: (c, message, key = [], atValue = false) => shared.warn(c, message, [...at, ...key], atValue, source),
      note: (key, text) => shared.notes.push({ path: ['services', name, ...key], text }),
      rebase: shared.rebase,
      interpolator: shared.interpolator,
      definitions: shared.definitions,
    };
    out[name] = isRecord(service) ? convertService(ctx, service, facts) : {};
  }
  return out;
}

/** The services with `extends` merged in and variables filled in (and the definitions they use), or every reason Compose would refuse them. */
function prepareServices(
  input: ComposeInput,
  data: Record<string, unknown>,
  written: Record<string, unknown>,
  interpolator: Interpolator,
  locate: (path: Path) => { line: number; col: number },
): { services: Record<string, unknown>; extendedFrom: ReadonlyMap<string, string>; definitions: Record<string, unknown> } | { error: string } {
  const extended = resolveExtends(written, input.readBeside, (text, at) => fillText(text, interpolator, at));
  const filled = fillServices(extended.services, interpolator);
  const defined = fillDefinitions(data, interpolator);
  const errors: FillError[] = [
    ...nameErrors(data.name, interpolator),
    ...extended.errors.map((e) => ({ ...e, code: 'E401' as const })),
    ...filled.errors,
    ...defined.errors,
    ...fileMountErrors(filled.services, defined.definitions),
  ];
  if (errors.length === 0) return { services: filled.services, extendedFrom: extended.from, definitions: defined.definitions };
  const located = errors.map((e) => {
    const pos = locate(e.path);
    return `${input.file}:${pos.line}:${pos.col}: error[${e.code}]: ${e.message}${e.hint === undefined ? '' : `\n  hint: ${e.hint}`}`;
  });
  return { error: located.join('\n') };
}

/** `--project`, else COMPOSE_PROJECT_NAME, else Compose's `name:`, else the Compose file's folder; made a valid name. */
function projectName(name: unknown, dir: string, given: string | undefined, interpolator: Interpolator, warn: (message: string) => void): string {
  if (given !== undefined) return given;
  let candidate = basename(dir);
  const fromVariable = interpolator.lookup('COMPOSE_PROJECT_NAME');
  if (fromVariable !== undefined && fromVariable !== '') candidate = fromVariable;
  else if (typeof name === 'string') candidate = fillText(name, interpolator, ['name']) || candidate;
  if (isValidName(candidate)) return candidate;
  const valid = toName(candidate);
  warn(`project name ${code(candidate)} renamed ${code(valid)}: orchgen names are lower-case letters, digits and dashes`);
  return valid;
}

/** Top-level keys read with the services: what is not carried of volumes and networks is said below; unused secrets and configs mean nothing. */
const carriedKeys = new Set(['volumes', 'networks', 'secrets', 'configs']);

/** Top-level definitions the spec has no place for: every key but the volumes' `name` and `external` and the secrets and configs services mount, carried before; what named networks meant, said per cause. */
function topLevel(
  data: Record<string, unknown>,
  { volumes, networks }: { volumes: VolumeDefinitions; networks: NetworkDefinitions },
  warn: (code: ImportCode, message: string, path: Path) => void,
  notes: Note[],
): void {
  for (const key of definitionKeys(data)) {
    if (!carriedKeys.has(key)) warnDropped(definedEntries(key, data[key]), `orchgen has no top-level ${key}`, warn, notes);
  }
  warnDropped(networks.dropped, 'orchgen has no top-level networks', warn, notes);
  for (const w of networks.warnings) warn(w.code, w.message, w.path);
  notes.push(...networks.notes);
  const lost = volumes.lostExternal;
  const more = lost.length === 0 ? '' : `; ${lost.length === 1 ? 'the external volume' : 'the external volumes'} ${lost.map(code).join(', ')} become${lost.length === 1 ? 's a new, empty one' : ' new, empty ones'}`;
  warnDropped(volumes.dropped, "orchgen's volumes have a name and `external` only", warn, notes, more);
}

/** Compose's defaults where they differ from orchgen's, for the services that rely on them. */
function composeDefaults(used: ReadonlySet<string>, notes: Note[]): Record<string, unknown> | undefined {
  const defaults: Record<string, unknown> = {};
  if (used.has('restart')) defaults.restart = 'no';
  const health: Record<string, string> = {};
  if (used.has('health.interval')) health.interval = '30s';
  if (used.has('health.timeout')) health.timeout = '30s';
  if (Object.keys(health).length > 0) defaults.health = health;
  if (Object.keys(defaults).length === 0) return undefined;
  notes.push({ path: ['defaults'], text: "Compose's own defaults, for the services that do not set these" });
  return defaults;
}

/** A `network_mode` every service has (host, none), which the Compose target sets for all. */
function sharedNetworkMode(services: unknown[]): string | undefined {
  const modes = new Set(services.map((s) => (isRecord(s) ? s.network_mode : undefined)));
  const [mode] = modes;
  return modes.size === 1 && typeof mode === 'string' && !mode.includes(':') ? mode : undefined;
}

/** Environment values as written: `1.0` stays "1.0", `0x1F` stays "0x1F". */
function keepEnvironmentText(doc: Document.Parsed): void {
  const services = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
  if (!isMap(services)) return;
  for (const pair of services.items) {
    const environment = isMap(pair.value) ? pair.value.get('environment', true) : undefined;
    if (!isMap(environment)) continue;
    for (const item of environment.items) {
      const value = item.value;
      if (isScalar(value) && (typeof value.value === 'number' || typeof value.value === 'boolean') && value.source !== undefined) value.value = value.source;
    }
  }
}
