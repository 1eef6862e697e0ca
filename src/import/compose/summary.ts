import type { Note, Path } from '../document.js';
import type { ImportCode } from '../warnings.js';
import { code } from './context.js';
import type { PassThrough } from './env.js';
import type { Interpolator, Source } from './variables.js';

export interface FileWarning {
  code: ImportCode;
  message: string;
  path: Path;
}

const sourceNames: Array<[Source, string]> = [
  ['env file', 'from .env'],
  ['environment', 'from the environment'],
  ['default', 'unset, so their defaults'],
];

/** What the whole file gets once: the variables filled in, the blank ones, the secret-named keys given without a value and made required. */
export function fileWarnings(interpolator: Interpolator, requiredSecrets: readonly PassThrough[]): FileWarning[] {
  const out: FileWarning[] = [];
  const bySource = variablesBySource(interpolator);
  const filled = sourceNames.filter(([source]) => bySource.has(source)).map(([source, name]) => `${name}: ${list(bySource.get(source)!)}`);
  if (filled.length > 0) {
    const first = [...interpolator.used].find(([, source]) => source !== 'blank')![0];
    out.push({ code: 'W203', message: `variables filled in as Compose would now (${filled.join('; ')}): the orchgen.yaml holds their values, not the variables`, path: interpolator.firstUse.get(first) ?? [] });
  }
  const blank = bySource.get('blank');
  if (blank) {
    const message = `${list(blank)} ${blank.length === 1 ? 'is' : 'are'} set neither in .env nor in the environment: left blank where used, as Compose does`;
    out.push({ code: 'W203', message, path: interpolator.firstUse.get(blank[0]!) ?? [] });
  }
  if (requiredSecrets.length > 0) {
    const byService = new Map<string, string[]>();
    for (const p of requiredSecrets) byService.set(p.service, [...(byService.get(p.service) ?? []), p.key]);
    const named = [...byService].map(([service, keys]) => `${code(service)}: ${keys.join(', ')}`).join('; ');
    const message = `environment keys given without a value (${named}) are set now, but their names say they are secrets: the spec holds no value and requires them when the stack starts (env_required), where Compose passes them on only when set`;
    out.push({ code: 'W204', message, path: requiredSecrets[0]!.at });
  }
  return out;
}

/** A comment at the top naming the variables whose values the spec now holds. */
export function fileNotes(interpolator: Interpolator): Note[] {
  const bySource = variablesBySource(interpolator);
  const filled = sourceNames.filter(([source]) => bySource.has(source)).map(([source, name]) => `${name}: ${bySource.get(source)!.join(', ')}`);
  if (filled.length === 0) return [];
  return [{ path: [], text: `values filled in at import as Compose would (${filled.join('; ')}); import again after changing them` }];
}

function variablesBySource(interpolator: Interpolator): Map<Source, string[]> {
  const out = new Map<Source, string[]>();
  for (const [name, source] of interpolator.used) out.set(source, [...(out.get(source) ?? []), name]);
  return out;
}

function list(names: readonly string[]): string {
  return names.map((n) => `$${n}`).join(', ');
}
