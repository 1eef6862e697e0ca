import type { Service } from '../../../model/types.js';
import { hostPath, type RunArg } from './args.js';

/**
 * `--env-file FILE` for each env file, then `-e KEY` for each variable: values stay out of argv, the
 * engine takes each from the CLI's own environment (env, secrets, then required and optional keys, each once).
 */
export function envArgs(service: Service): RunArg[] {
  const files = service.envFiles.map((file, index) => hostPath('--env-file', file, '', ['env_file', index]));
  const keys = [...service.env.map(([key]) => key), ...service.secrets.map((secret) => secret.key), ...service.envRequired, ...service.envOptional];
  return [...files, ...[...new Set(keys)].flatMap((key) => ['-e', key])];
}
