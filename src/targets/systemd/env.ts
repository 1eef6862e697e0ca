import { isAbsolute, posix } from 'node:path';
import { projectDirHint } from '../../model/project-dir.js';
import type { Model } from '../../model/types.js';
import { whyNotCarried, whyNotPlainPath } from './carry.js';
import { refuse, specPath, type UnitContext } from './context.js';
import { environmentAssignment, escapeSpecifiers, execLine } from './escape.js';
import { processEnv } from './gpu.js';
import { optionalEnvFileName, requiredEnvFileName } from './names.js';
import { entry, type Entry } from './sections.js';

/**
 * Environment= lines. A process gets its env (and CUDA_VISIBLE_DEVICES); a container's values go to
 * the engine's CLI, which hands them on by name (`-e KEY`), so no value passes through argv.
 */
export function environmentEntries(ctx: UnitContext): Entry[] {
  const { service } = ctx;
  const env = service.kind === 'process' ? processEnv(service) : service.env;
  const entries: Entry[] = [];
  for (const [key, value] of env) {
    const reason = whyNotCarried(value);
    if (reason) refuse(ctx, `env ${key}`, reason, specPath(ctx, 'env', key));
    else entries.push(entry('Environment', environmentAssignment(key, value)));
  }
  return entries;
}

/** Absolute env files only (`project_dir` anchors relative ones): a unit is installed away from the spec, so a relative path means nothing there. */
export function checkedEnvFiles(ctx: UnitContext): string[] {
  return ctx.service.envFiles.filter((file, index) => {
    const path = specPath(ctx, 'env_file', index);
    if (!isAbsolute(file)) {
      refuse(ctx, `env_file "${file}"`, 'a relative path cannot be placed in a unit that is installed elsewhere', path, projectDirHint(file, ctx.model.project));
      return false;
    }
    const reason = whyNotPlainPath(file);
    if (reason) refuse(ctx, `env_file "${file}"`, reason, path);
    return reason === undefined;
  });
}

export function environmentFileEntries(files: readonly string[]): Entry[] {
  return files.map((file) => entry('EnvironmentFile', escapeSpecifiers(file)));
}

/**
 * env_required: read from the stack's file in the secrets folder, which the admin (or `orchgen up`,
 * from its own environment) fills; `-`: a missing file is no error by itself, the check that follows
 * names every key still unset and fails the start.
 */
export function requiredEnvEntries(ctx: UnitContext): { file: Entry[]; check: Entry[] } {
  const keys = ctx.service.envRequired;
  if (keys.length === 0 || whyNotPlainPath(ctx.model.settings.systemd.secretsDir)) return { file: [], check: [] };
  const file = requiredEnvPath(ctx.model);
  ctx.notes.push(`env_required ${keys.join(', ')}: KEY="value" lines in ${file} (mode 0600), which \`orchgen up\` writes from its own environment; the start fails naming any key still unset`);
  const where = /^[\w./-]+$/.test(file) ? ` (add it to ${file})` : '';
  const script = `: ${keys.map((key) => `"\${${key}?is required and not set${where}}"`).join(' ')}`;
  return { file: [entry('EnvironmentFile', `-${escapeSpecifiers(file)}`)], check: [entry('ExecStartPre', execLine(['/bin/sh', '-c', script]))] };
}

export function requiredEnvPath(model: Model): string {
  return posix.join(model.settings.systemd.secretsDir, requiredEnvFileName);
}

/**
 * env_optional: read from the stack's optional file in the secrets folder, which holds only the keys
 * that are set (`orchgen up` rewrites it from its own environment); `-`: no file, no keys. A key not
 * in it is not set for the process, and `docker run -e KEY` passes nothing for an unset key.
 */
export function optionalEnvEntries(ctx: UnitContext): Entry[] {
  const keys = ctx.service.envOptional;
  if (keys.length === 0 || whyNotPlainPath(ctx.model.settings.systemd.secretsDir)) return [];
  const file = optionalEnvPath(ctx.model);
  ctx.notes.push(`env_optional ${keys.join(', ')}: passed on only when set, from KEY="value" lines in ${file} (optional, mode 0600), which \`orchgen up\` rewrites with the keys set in its own environment; a key not in it is left unset`);
  return [entry('EnvironmentFile', `-${escapeSpecifiers(file)}`)];
}

export function optionalEnvPath(model: Model): string {
  return posix.join(model.settings.systemd.secretsDir, optionalEnvFileName);
}
