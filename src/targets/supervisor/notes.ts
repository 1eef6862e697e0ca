import type { Service } from '../../model/types.js';
import { isRelative } from './paths.js';
import { UNLIMITED_RETRIES } from './restart.js';
import { secretsNote } from './secrets.js';

/** Header lines: what the conf cannot say natively. */
export function notes(project: string, services: readonly Service[], logDir: string): string[] {
  const all = services.flatMap((s) => [s, ...s.fallbacks.map((f) => f.service)]);
  const out: string[] = [];
  if (services.some((s) => s.dependsOn.length > 0 || s.health)) {
    out.push('supervisord has no dependency waits or health checks: priority is 100 x the startup wave, started lowest first and stopped lowest last; `orchgen up` waits for dependencies and health.');
  }
  if (all.some((s) => s.restart.policy !== 'no')) {
    out.push('supervisord has no restart delay or backoff: it restarts a program that crashed after startsecs at once, and retries a failed start after 1, 2, 3... s, startretries times.');
  }
  if (all.some((s) => s.restart.policy !== 'no' && s.restart.maxAttempts === undefined)) {
    out.push(`startretries=${UNLIMITED_RETRIES} stands for unlimited restarts.`);
  }
  if (services.some((s) => s.fallbacks.length > 0)) {
    out.push(`Fallback variants are the programs <program>--<fallback>, with autostart=false and outside group ${project}: \`orchgen up\` stops the program and starts the variant.`);
  }
  out.push(`Programs log to ${shown(logDir)}/<service>.log: the folder must exist before supervisord reads this file.`);
  const limited = all.filter((s) => s.kind === 'process' && (s.resources.memoryBytes !== undefined || s.resources.cpus !== undefined));
  if (limited.length > 0) out.push(`Memory and CPU limits of host processes are not applied: ${[...new Set(limited.map((s) => s.name))].join(', ')}.`);
  const required = [...new Set(all.flatMap((s) => s.envRequired))];
  if (required.length > 0) out.push(`env_required keys come from supervisord's own environment: ${required.join(', ')}.`);
  out.push(...secretsNote(all));
  if (all.some((s) => s.kind === 'process' && s.envFiles.length > 0)) {
    out.push('A shell sources the env_file of a host process after supervisord sets its environment: values in the file win over env.');
  }
  if (all.some((s) => s.envFiles.some(isRelative) || s.volumes.some((v) => v.kind === 'bind' && isRelative(v.source)))) {
    out.push('Relative paths of the spec are reached from %(here)s, the folder of this file: include it from where it was built.');
  }
  return out;
}

/** A header line cannot hold a line break. */
function shown(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : JSON.stringify(text);
}
