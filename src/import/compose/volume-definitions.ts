import { namedVolumeOf } from '../../spec/raw.js';
import { isRecord } from './records.js';
import { literalValue, scalarText } from './strings.js';
import { definedEntries, type Dropped } from './top-level.js';

/** A volume as the spec's top-level `volumes` has it. */
export interface VolumeDefinition {
  name?: string;
  external?: true;
}

/** What Compose's top-level `volumes` gives the spec, and what the spec has no place for. */
export interface VolumeDefinitions {
  /** By volume, for the volumes a service mounts; undefined when none needs more than its name. */
  volumes?: Record<string, VolumeDefinition>;
  /** Options other than `name` and `external` (driver, driver_opts, labels), and definitions whose name no engine takes. */
  dropped: Dropped[];
  /** External volumes among the dropped definitions: they become the project's own, new and empty. */
  lostExternal: string[];
}

/** An engine volume name, as the spec's schema takes it. */
const engineName = /^[A-Za-z0-9][A-Za-z0-9_.-]+$/;

/**
 * `name` and `external` of each volume a service mounts: `external: true` (or the older
 * `external: {name: X}`) is a volume made outside the project, `name` its engine name without the
 * project prefix. Other options (driver_opts, labels, a driver other than `local`) are dropped.
 */
export function convertVolumeDefinitions(definitions: unknown, services: Record<string, Record<string, unknown>>): VolumeDefinitions {
  const out: VolumeDefinitions = { dropped: [], lostExternal: [] };
  if (!isRecord(definitions)) return { ...out, dropped: definedEntries('volumes', definitions) };
  const mounted = mountedVolumes(services);
  const volumes: Record<string, VolumeDefinition> = {};
  for (const [volume, definition] of Object.entries(definitions)) {
    if (!isRecord(definition)) continue;
    const { name, external, ...others } = definition;
    const carried = carriedDefinition(name, external);
    if (carried === undefined) {
      out.dropped.push({ path: ['volumes', volume], value: definition });
      if (external === true || isRecord(external)) out.lostExternal.push(volume);
      continue;
    }
    const meaningful = Object.entries(others).filter(([key, value]) => !(key === 'driver' && value === 'local'));
    out.dropped.push(...meaningful.map(([key, value]) => ({ path: ['volumes', volume, key], value })));
    if (mounted.has(volume) && Object.keys(carried).length > 0) volumes[volume] = carried;
  }
  return Object.keys(volumes).length > 0 ? { ...out, volumes } : out;
}

/** The definition's name and external mark, or undefined when its name is not one an engine takes. */
function carriedDefinition(name: unknown, external: unknown): VolumeDefinition | undefined {
  const legacyName = isRecord(external) ? external.name : undefined;
  const text = scalarText(name ?? legacyName);
  const literal = text === undefined ? undefined : literalValue(text);
  if (literal !== undefined && !engineName.test(literal)) return undefined;
  const out: VolumeDefinition = {};
  if (literal !== undefined) out.name = literal;
  if (external === true || isRecord(external)) out.external = true;
  return out;
}

function mountedVolumes(services: Record<string, Record<string, unknown>>): Set<string> {
  const mounts = Object.values(services).flatMap((s) => (Array.isArray(s.volumes) ? (s.volumes as unknown[]) : []));
  return new Set(mounts.flatMap((mount) => (typeof mount === 'string' ? [namedVolumeOf(mount)] : [])).filter((v): v is string => v !== undefined));
}
