import { isAbsolute } from 'node:path';
import { whyNotCarried, whyNotPlainPath } from './carry.js';
import { refuse, specPath, type UnitContext } from './context.js';
import { environmentAssignment, escapeSpecifiers, execLine } from './escape.js';
import { processEnv } from './gpu.js';
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

/** Absolute env files only: a unit is installed away from the spec, so a relative path means nothing there. */
export function checkedEnvFiles(ctx: UnitContext): string[] {
  return ctx.service.envFiles.filter((file, index) => {
    const path = specPath(ctx, 'env_file', index);
    if (!isAbsolute(file)) {
      const hint = `write an absolute path such as /etc/${ctx.model.project}/${ctx.service.name}.env`;
      refuse(ctx, `env_file "${file}"`, 'a relative path cannot be placed in a unit that is installed elsewhere', path, hint);
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

/** env_required: taken from the manager's environment, and the start fails when one is missing. */
export function requiredEnvEntries(ctx: UnitContext): { pass: Entry[]; check: Entry[] } {
  const keys = ctx.service.envRequired;
  if (keys.length === 0) return { pass: [], check: [] };
  const script = `: ${keys.map((key) => `"\${${key}?is required and not set}"`).join(' ')}`;
  return { pass: [entry('PassEnvironment', keys.join(' '))], check: [entry('ExecStartPre', execLine(['/bin/sh', '-c', script]))] };
}
