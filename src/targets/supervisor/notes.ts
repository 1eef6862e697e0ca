import type { StartupPlan } from '../../graph/plan.js';
import type { Service } from '../../model/types.js';
import { isRelative } from './paths.js';
import { ATTEMPT_SECONDS, limitsAttempts, UNLIMITED_RETRIES } from './restart.js';
import { secretsNote } from './secrets.js';

export interface NotesInput {
  services: readonly Service[];
  /** The services' programs, in the order of `services`. */
  programNames: readonly string[];
  logDir: string | undefined;
  plan: StartupPlan;
}

/** Header lines: what the conf cannot say natively. */
export function notes({ services, programNames, logDir, plan }: NotesInput): string[] {
  const all = services.flatMap((s) => [s, ...s.fallbacks.map((f) => f.service)]);
  const out: string[] = [...orderNotes(services, programNames, plan), ...restartNotes(all)];
  if (services.some((s) => s.fallbacks.length > 0)) {
    out.push('Fallback variants are the programs <program>--<fallback>, with autostart=false: `orchgen up` stops the program and starts the variant.');
  }
  out.push(logDir === undefined ? 'Programs log to /var/log/<program>.log.' : `Programs log to ${shown(logDir)}/<service>.log: the folder must exist before supervisord reads this file, or it refuses the whole configuration.`);
  const limited = all.filter((s) => s.kind === 'process' && (s.resources.memoryBytes !== undefined || s.resources.cpus !== undefined));
  if (limited.length > 0) out.push(`Memory and CPU limits of host processes are not applied: ${[...new Set(limited.map((s) => s.name))].join(', ')}.`);
  const required = [...new Set(all.flatMap((s) => s.envRequired))];
  if (required.length > 0) out.push(`env_required keys come from supervisord's own environment: ${required.join(', ')}.`);
  const optional = [...new Set(all.flatMap((s) => s.envOptional))];
  if (optional.length > 0) out.push(`env_optional keys come from supervisord's own environment, only when set there (a container gets \`-e KEY\`, which passes nothing for an unset one): ${optional.join(', ')}.`);
  out.push(...secretsNote(all));
  const users = [...new Set(all.filter((s) => s.kind === 'process' && s.user !== undefined).map((s) => s.name))];
  if (users.length > 0) out.push(`supervisord's user= changes only the uid: a shell sets HOME (looked up on the host), USER and LOGNAME of the account first: ${users.join(', ')}.`);
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

/**
 * Each program is a process group of its own: supervisord's shutdown stops groups one at a time,
 * highest priority first, each fully stopped before the next; a stop of several at once does not wait.
 */
function orderNotes(services: readonly Service[], programNames: readonly string[], plan: StartupPlan): string[] {
  if (!services.some((s) => s.dependsOn.length > 0 || s.health)) return [];
  const wave = (i: number) => plan.waveOf.get(services[i]!.name)!;
  const stopOrder = programNames.map((name, i) => ({ name, wave: wave(i) })).sort((a, b) => b.wave - a.wave).map((p) => p.name);
  return [
    'supervisord has no dependency waits or health checks: each program is a group of its own with priority 100 x its startup wave, and supervisord starts them lowest first without waiting; `orchgen up` waits for dependencies and health.',
    `Stopped in reverse dependency order, each program stopped before the next is signalled: by supervisord's own shutdown (SIGTERM, \`supervisorctl shutdown\` or \`reload\`), or \`supervisorctl stop ${stopOrder.join(' ')}\` (one after the other, as listed). \`supervisorctl stop all\` signals every program at once.`,
  ];
}

function restartNotes(all: readonly Service[]): string[] {
  const restarting = all.filter((s) => s.restart.policy !== 'no');
  if (restarting.length === 0) return [];
  const out = ['supervisord has no restart delay or backoff: it restarts at once a program that ran startsecs, and retries one that exited sooner after 1, 2, 3... s.'];
  const limited = [...new Set(restarting.filter((s) => limitsAttempts(s.restart)).map((s) => `${s.name} (${s.restart.maxAttempts})`))];
  if (limited.length > 0) {
    out.push(`restart.max_attempts is startretries, with startsecs=${ATTEMPT_SECONDS}: only runs shorter than ${ATTEMPT_SECONDS} s count as attempts, and one that ran longer is restarted at once and clears the count: ${limited.join(', ')}.`);
  }
  if (restarting.some((s) => s.restart.maxAttempts === undefined)) out.push(`startretries=${UNLIMITED_RETRIES} stands for unlimited restarts.`);
  return out;
}
