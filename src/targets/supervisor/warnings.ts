import { builtinDefaults } from '../../model/defaults.js';
import type { Service } from '../../model/types.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { Finding } from '../shared/finding.js';

const noWaits = 'supervisord has no dependency waits or health checks (priority orders the starts without waiting)';

/** W103 for each setting of the service supervisord cannot express; one cause in several services is one warning. */
export function warnings(service: Service): Finding[] {
  const out: Finding[] = [];
  const warn = (key: string, text: string, many: string) =>
    out.push({
      diagnostic: diagnostic('W103', `service \`${service.name}\`: ${text}`, { path: ['services', service.name, key] }),
      cause: { key: `supervisor ${key} ${many}`, service: service.name, message: (services) => `services ${[...services.values()].flat().map((s) => `\`${s}\``).join(', ')}: ${many}` },
    });
  const onHost = service.kind === 'process';
  if (service.dependsOn.length > 0) {
    const names = service.dependsOn.map((d) => `\`${d.name}\``).join(', ');
    warn('depends_on', `${noWaits}; \`orchgen up\` waits for ${names}`, `${noWaits}; \`orchgen up\` waits for their dependencies`);
  } else if (service.health) {
    warn('health', `${noWaits}; \`orchgen up\` runs its health check`, `${noWaits}; \`orchgen up\` runs their health checks`);
  }
  const restart = 'supervisord has no restart delay or backoff; it restarts a program that crashed after starting at once';
  if (hasOwnRestartTiming(service)) warn('restart', restart, restart);
  if (onHost && (service.resources.memoryBytes !== undefined || service.resources.cpus !== undefined)) {
    warn('resources', 'supervisord cannot limit the memory or CPUs of a host process', 'supervisord cannot limit the memory or CPUs of host processes');
  }
  if (onHost && service.volumes.length > 0) {
    warn('volumes', 'supervisord runs it as a host process, and volumes apply to containers only', 'supervisord runs them as host processes, and volumes apply to containers only');
  }
  return out;
}

/** A delay or backoff of the spec's own: the built-in one, which supervisord cannot honour either, is noted in the header. */
function hasOwnRestartTiming(service: Service): boolean {
  const { restart } = service;
  return restart.policy !== 'no' && (restart.backoff === 'exponential' || restart.delayMs !== builtinDefaults.restart.delayMs);
}
