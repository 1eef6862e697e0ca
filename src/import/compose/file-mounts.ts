import type { Path } from '../document.js';
import { code, type ServiceContext } from './context.js';
import type { FillError } from './fill-services.js';
import { dropSetting } from './native.js';
import { isRecord } from './records.js';
import { literalValue, scalarText } from './strings.js';
import { hostFileSource } from './volumes.js';

/** A service key that mounts top-level definitions as files: Compose, outside a swarm, bind-mounts a file-based one read-only. */
export type FileMountKind = 'secrets' | 'configs';

/** Where Compose mounts a secret or config whose target is not an absolute path. */
const baseDir: Record<FileMountKind, string> = { secrets: '/run/secrets/', configs: '/' };

const singular: Record<FileMountKind, string> = { secrets: 'secret', configs: 'config' };

/** One entry of a service's `secrets` or `configs`: the definition it names, where it goes, and the options orchgen drops. */
interface Reference {
  source: string;
  target: string;
  /** `uid`, `gid`, `mode`: Compose does not apply them to a bind-mounted file either. */
  ignored: string[];
  index: number;
}

/**
 * Every entry of `secrets` and `configs` the spec cannot mount, as errors: one that names no
 * definition (Compose refuses it, E401), and one whose definition is no file (E403): its value comes
 * from the environment or is written inline, or it is external, made in a swarm.
 */
export function fileMountErrors(services: Record<string, unknown>, definitions: Record<string, unknown>): FillError[] {
  const errors: FillError[] = [];
  for (const [service, body] of Object.entries(services)) {
    if (!isRecord(body)) continue;
    for (const kind of ['secrets', 'configs'] as const) {
      for (const ref of referencesOf(kind, body[kind])) {
        const path: Path = ['services', service, kind, ref.index];
        const defined = isRecord(definitions[kind]) ? definitions[kind][ref.source] : undefined;
        if (defined === undefined) {
          const message = `${code(service)} uses the ${singular[kind]} ${code(ref.source)}, which the file does not define; Compose refuses the file, so does the import`;
          errors.push({ code: 'E401', path, message, hint: `define it under the top-level \`${kind}:\` with \`file:\`` });
          continue;
        }
        const refusal = refusalOf(defined);
        if (refusal) errors.push({ code: 'E403', path, message: `${singular[kind]} ${code(ref.source)} of ${code(service)} ${refusal.why}: orchgen mounts a file only`, hint: refusal.hint });
      }
    }
  }
  return errors;
}

/** `secrets` or `configs` of a service as read-only bind mounts of their files, where Compose mounts them. */
export function convertFileMounts(ctx: ServiceContext, kind: FileMountKind, value: unknown): void {
  if (!Array.isArray(value)) return dropSetting(ctx, [kind], value, 'not a list');
  const mounts: string[] = [];
  const refs = referencesOf(kind, value);
  for (const ref of refs) {
    const file = (ctx.definitions[kind] as Record<string, Record<string, unknown>>)[ref.source]!.file as string;
    mounts.push(`${hostFileSource(ctx, literalValue(file))}:${ref.target}:ro`);
    if (ref.ignored.length > 0) {
      ctx.warn('W205', `${ref.ignored.join(', ')} of the ${singular[kind]} ${code(ref.source)} of ${code(ctx.source)} dropped: the file is mounted as it is, read-only, as Compose mounts a file outside a swarm`, [kind, ref.index], true);
    }
  }
  ctx.out.volumes = [...((ctx.out.volumes as string[] | undefined) ?? []), ...mounts];
  ctx.note(['volumes'], `the ${kind} of the Compose file (${refs.map((r) => r.source).join(', ')}): their files, mounted read-only where Compose mounts them`);
}

function referencesOf(kind: FileMountKind, value: unknown): Reference[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): Reference[] => {
    const long = isRecord(item) ? item : undefined;
    const source = scalarText(long ? long.source : item);
    if (source === undefined) return [];
    const target = scalarText(long?.target);
    const ignored = long ? Object.keys(long).filter((key) => key !== 'source' && key !== 'target') : [];
    return [{ source: literalValue(source), target: mountTarget(kind, literalValue(source), target === undefined ? undefined : literalValue(target)), ignored, index }];
  });
}

/** An absolute target as it is; a relative one, or none (the definition's name), under the kind's folder. */
function mountTarget(kind: FileMountKind, source: string, target: string | undefined): string {
  if (target === undefined || target === '') return `${baseDir[kind]}${source}`;
  return target.startsWith('/') ? target : `${baseDir[kind]}${target}`;
}

/** Why a definition is no file the spec can mount, and what to do instead; undefined for a file. */
function refusalOf(definition: unknown): { why: string; hint: string } | undefined {
  const toFile = 'write the value to a file and name it with `file:`';
  if (!isRecord(definition)) return { why: 'is not a mapping', hint: toFile };
  if (definition.external !== undefined && definition.external !== false) {
    return { why: 'is external, made in a swarm (Compose outside a swarm cannot mount it either)', hint: `${toFile}, or give the value to the service as an env secret ({secret: true, from: VAR})` };
  }
  if (definition.environment !== undefined) {
    return { why: `comes from the environment variable ${code(String(definition.environment))}`, hint: `${toFile}, or give the value to the service as an env secret ({secret: true, from: ${String(definition.environment)}}) if it reads one` };
  }
  if (definition.content !== undefined) return { why: 'is written inline (`content:`)', hint: `${toFile} beside the Compose file` };
  if (typeof definition.file !== 'string') return { why: 'names no file', hint: toFile };
  return undefined;
}
