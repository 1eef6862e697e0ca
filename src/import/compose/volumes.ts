import { code, type ServiceContext } from './context.js';
import { dropSetting, setNative } from './native.js';
import { literalValue, scalarText } from './strings.js';

interface Mount {
  source?: string;
  target: string;
  readOnly: boolean;
  /** Options orchgen has no place for (`z`, `nocopy`, `bind.propagation`, ...). */
  extra: string[];
}

const keptModes = new Set(['ro', 'rw']);

/**
 * `volumes` → "SOURCE:TARGET[:ro]": bind paths relative to the orchgen.yaml, named volumes by name.
 * An anonymous volume becomes a named one (`<service>-<path>`); tmpfs mounts go to native `tmpfs`.
 */
export function convertVolumes(ctx: ServiceContext, value: unknown): void {
  if (!Array.isArray(value)) return dropSetting(ctx, ['volumes'], value, 'not a list');
  const volumes: string[] = [];
  const tmpfs: string[] = [];
  value.forEach((item, i) => {
    const at = ['volumes', i];
    const long = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : undefined;
    if (long?.type === 'tmpfs' && typeof long.target === 'string') return void tmpfs.push(tmpfsText(long));
    const mount = long ? longMount(long) : shortMount(item);
    if (!mount) return dropSetting(ctx, at, item, 'a mount orchgen cannot express (only bind mounts and volumes)');
    if (mount.extra.length > 0) {
      ctx.warn('W205', `mount options ${mount.extra.join(', ')} of ${code(mount.target)} in ${code(ctx.source)} dropped: orchgen mounts are read-only or read-write only`, at, true);
      ctx.note(['volumes'], `${mount.target}: the Compose file also had ${mount.extra.join(', ')}`);
    }
    volumes.push(`${source(ctx, mount, at)}:${mount.target}${mount.readOnly ? ':ro' : ''}`);
  });
  if (volumes.length > 0) ctx.out.volumes = volumes;
  if (tmpfs.length > 0) {
    const existing = ctx.native.tmpfs;
    setNative(ctx, ['tmpfs'], [...(Array.isArray(existing) ? existing : typeof existing === 'string' ? [existing] : []), ...tmpfs]);
    ctx.warn('W201', `tmpfs mounts of ${code(ctx.source)} have no place in orchgen's spec; kept under native.compose.tmpfs`, ['volumes']);
    ctx.note(['native'], 'Compose settings orchgen has no place for: only the Compose build uses them.');
  }
}

function source(ctx: ServiceContext, mount: Mount, at: Array<string | number>): string {
  if (mount.source === undefined || mount.source === '') {
    const name = `${ctx.name}-${mount.target.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'data'}`.toLowerCase();
    ctx.warn('W204', `the anonymous volume at ${code(mount.target)} of ${code(ctx.source)} becomes the named volume ${code(name)}: it outlives the container`, at, true);
    ctx.note(['volumes'], `${name}: an anonymous volume in the Compose file`);
    return name;
  }
  const path = mount.source;
  return path.startsWith('.') ? hostFileSource(ctx, path) : path;
}

/** A host path of the Compose file as a bind source of the spec: absolute and `~` paths as they are, a relative one from the orchgen.yaml, starting with `.`. */
export function hostFileSource(ctx: ServiceContext, path: string): string {
  if (path.startsWith('/') || path.startsWith('~')) return path;
  const rebased = ctx.rebase(path);
  return rebased.startsWith('.') ? rebased : `./${rebased}`;
}

/** `SOURCE:TARGET[:MODE]` or `TARGET`. */
function shortMount(item: unknown): Mount | undefined {
  const raw = scalarText(item);
  if (raw === undefined) return undefined;
  const text = literalValue(raw);
  const parts = text.split(':');
  if (parts.length === 1) return { target: parts[0]!, readOnly: false, extra: [] };
  if (parts.length > 3) return undefined;
  const [source, target, mode = ''] = parts as [string, string, string?];
  const modes = mode === '' ? [] : mode.split(',');
  return { source, target, readOnly: modes.includes('ro'), extra: modes.filter((m) => !keptModes.has(m)) };
}

function longMount(long: Record<string, unknown>): Mount | undefined {
  const type = long.type ?? 'volume';
  if ((type !== 'bind' && type !== 'volume') || typeof long.target !== 'string') return undefined;
  const extra = Object.entries(long)
    .filter(([key]) => !['type', 'source', 'target', 'read_only'].includes(key))
    .flatMap(([key, value]) => (typeof value === 'object' && value !== null ? Object.keys(value).map((k) => `${key}.${k}`) : [key]));
  const mount: Mount = { target: literalValue(long.target), readOnly: long.read_only === true, extra };
  const source = typeof long.source === 'string' ? literalValue(long.source) : undefined;
  if (source !== undefined) mount.source = type === 'bind' && !/^[./~]/.test(source) ? `./${source}` : source;
  return mount;
}

function tmpfsText(long: Record<string, unknown>): string {
  const size = (long.tmpfs as Record<string, unknown> | undefined)?.size;
  return size === undefined ? String(long.target) : `${String(long.target)}:size=${String(size)}`;
}
