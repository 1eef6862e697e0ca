import { builtinDefaults } from '../../model/defaults.js';
import type { Service } from '../../model/types.js';
import { diagnostic, type Diagnostic } from '../../spec/diagnostic.js';

/** W103 for each setting of the service supervisord cannot express. */
export function warnings(service: Service): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (key: string, text: string) => out.push(diagnostic('W103', `service \`${service.name}\`: ${text}`, { path: ['services', service.name, key] }));
  const onHost = service.kind === 'process';
  if (service.dependsOn.length > 0) {
    const names = service.dependsOn.map((d) => `\`${d.name}\``).join(', ');
    warn('depends_on', `supervisord has no dependency waits or health checks (priority orders the starts without waiting); \`orchgen up\` waits for ${names}`);
  } else if (service.health) {
    warn('health', 'supervisord has no dependency waits or health checks (priority orders the starts without waiting); `orchgen up` runs its health check');
  }
  if (hasOwnRestartTiming(service)) warn('restart', 'supervisord has no restart delay or backoff; it restarts a program that crashed after starting at once');
  if (onHost && (service.resources.memoryBytes !== undefined || service.resources.cpus !== undefined)) {
    warn('resources', 'supervisord cannot limit the memory or CPUs of a host process');
  }
  if (onHost && service.volumes.length > 0) warn('volumes', 'supervisord runs it as a host process, and volumes apply to containers only');
  return out;
}

/** A delay or backoff of the spec's own: the built-in one, which supervisord cannot honour either, is noted in the header. */
function hasOwnRestartTiming(service: Service): boolean {
  const { restart } = service;
  return restart.policy !== 'no' && (restart.backoff === 'exponential' || restart.delayMs !== builtinDefaults.restart.delayMs);
}
