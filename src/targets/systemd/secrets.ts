import { posix } from 'node:path';
import type { Model, Secret, Service } from '../../model/types.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { whyNotPlainPath } from './carry.js';
import type { UnitContext } from './context.js';
import { escapeSpecifiers } from './escape.js';
import { secretsFileName } from './names.js';
import { entry, type Entry } from './sections.js';

/** The file of secrets one unit reads, and the secrets it holds. */
export interface SecretsFile {
  /** The file's name in the secrets folder. */
  name: string;
  secrets: Secret[];
}

/**
 * A service's secrets are in `<service>.env` in the secrets folder; a fallback variant whose
 * secrets differ from the service's reads `<service>--<fallback>.env`.
 */
export function secretsFiles(service: Service): SecretsFile[] {
  const files: SecretsFile[] = service.secrets.length > 0 ? [{ name: secretsFileName(service.name), secrets: service.secrets }] : [];
  for (const fallback of service.fallbacks) {
    const secrets = fallback.service.secrets;
    if (secrets.length > 0 && !sameSecrets(secrets, service.secrets)) files.push({ name: secretsFileName(service.name, fallback.name), secrets });
  }
  return files;
}

/** The file the unit (or the fallback variant's drop-in) reads, if it has secrets. */
function fileOf(ctx: UnitContext): SecretsFile | undefined {
  const { service, fallback } = ctx;
  if (service.secrets.length === 0) return undefined;
  const own = fallback && !sameSecrets(service.secrets, fallback.base.secrets);
  return { name: own ? secretsFileName(service.name, fallback.name) : secretsFileName(service.name), secrets: service.secrets };
}

/**
 * EnvironmentFile= without `-`: a missing file fails the start rather than starting the service
 * without its secrets. The values never appear in the unit.
 */
export function secretsEntries(ctx: UnitContext): Entry[] {
  const file = fileOf(ctx);
  if (!file || whyNotPlainPath(ctx.model.settings.systemd.secretsDir)) return [];
  ctx.notes.push(secretsNote(ctx, file));
  return [entry('EnvironmentFile', escapeSpecifiers(pathOf(ctx, file)))];
}

/** The drop-in of a fallback variant that reads its own secrets file says so. */
export function variantSecretsNotes(variant: UnitContext): string[] {
  const file = fileOf(variant);
  return file && variant.fallback && file.name !== secretsFileName(variant.service.name) ? [secretsNote(variant, file)] : [];
}

function secretsNote(ctx: UnitContext, file: SecretsFile): string {
  return `secrets are read from ${pathOf(ctx, file)} (KEY="value" lines, mode 0600), which \`orchgen up\` writes from its own environment before it starts the unit: ${fromList(file.secrets)}`;
}

function pathOf(ctx: UnitContext, file: SecretsFile): string {
  return posix.join(ctx.model.settings.systemd.secretsDir, file.name);
}

/** E301 once for the stack: the secrets folder is written into every unit that has secrets, env_required or env_optional keys. */
export function secretsDirRefusal(model: Model, services: readonly Service[]): Diagnostic[] {
  const reason = whyNotPlainPath(model.settings.systemd.secretsDir);
  const fromOutside = (s: Service) => [s, ...s.fallbacks.map((f) => f.service)].some((v) => v.envRequired.length > 0 || v.envOptional.length > 0);
  if (!reason || !services.some((s) => secretsFiles(s).length > 0 || fromOutside(s))) return [];
  return [diagnostic('E301', `systemd cannot carry \`targets.systemd.secrets_dir\` exactly: ${reason}`, { path: ['targets', 'systemd', 'secrets_dir'] })];
}

/** `API_TOKEN (from $TOKEN), DB_PASSWORD` */
export function fromList(secrets: readonly Secret[]): string {
  return secrets.map(({ key, from }) => (key === from ? key : `${key} (from $${from})`)).join(', ');
}

function sameSecrets(a: readonly Secret[], b: readonly Secret[]): boolean {
  return a.length === b.length && a.every((secret, i) => secret.key === b[i]!.key && secret.from === b[i]!.from);
}
