import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Service } from '../../model/types.js';
import { optionalEnvFileName, requiredEnvFileName } from '../../targets/systemd/names.js';
import { secretsFiles, type SecretsFile } from '../../targets/systemd/secrets.js';

/**
 * Writes the secrets file of every service (and of each fallback variant that reads its own) into
 * `dir`, from `env`, and the stack's `env_required` and `env_optional` files: the files the units
 * name in EnvironmentFile=. The folder is made 0700, each file 0600 before a value is written to it,
 * and replaced whole by a rename, so a key unset since the last run is gone from the optional file.
 */
export function writeSecretsFiles(dir: string, services: readonly Service[], env: Readonly<Record<string, string | undefined>>): void {
  const files = services.flatMap((service) => secretsFiles(service).map((file) => ({ service, file })));
  const variants = services.flatMap((service) => [service, ...service.fallbacks.map((f) => f.service)]);
  const required = [...new Set(variants.flatMap((s) => s.envRequired))];
  const optional = [...new Set(variants.flatMap((s) => s.envOptional))];
  if (files.length === 0 && required.length === 0 && optional.length === 0) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const { service, file } of files) writePrivately(join(dir, file.name), secretsText(service, file, env));
  if (required.length > 0) writePrivately(join(dir, requiredEnvFileName), requiredText(required, env));
  if (optional.length > 0) writePrivately(join(dir, optionalEnvFileName), optionalText(optional, env));
}

/** The `env_optional` file: a line for each key set in `env` (an empty value is a value), none for an unset one. */
function optionalText(keys: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
  return keys.flatMap((key) => (env[key] === undefined ? [] : [envFileLine(key, env[key])])).join('');
}

/** The `env_required` file every unit with required keys reads: each key with its value from `env`. */
function requiredText(keys: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
  return keys
    .map((key) => {
      const value = env[key];
      if (value === undefined) throw new Error(`${key} is in env_required and not set: export it before \`orchgen up\``);
      return envFileLine(key, value);
    })
    .join('');
}

function secretsText(service: Service, file: SecretsFile, env: Readonly<Record<string, string | undefined>>): string {
  return file.secrets
    .map(({ key, from }) => {
      const value = env[from];
      if (value === undefined) throw new Error(`${service.name}: secret ${key} is read from ${from}, which is not set: export it before \`orchgen up\``);
      return envFileLine(key, value);
    })
    .join('');
}

/**
 * `KEY="value"` as systemd's env-file parser reads it back byte for byte: inside double quotes a
 * backslash escapes \ " ` $, and every other character, a newline too, stands for itself.
 */
export function envFileLine(key: string, value: string): string {
  return `${key}="${value.replace(/[\\"`$]/g, (c) => `\\${c}`)}"\n`;
}

function writePrivately(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  writeFileSync(temporary, '', { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
