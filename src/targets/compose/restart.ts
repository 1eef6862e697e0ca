import { builtinDefaults } from '../../model/defaults.js';
import type { Service } from '../../model/types.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { codeList, type Finding } from '../shared/finding.js';

/** `always`, `on-failure`, `on-failure:N` or `no`. */
export function restartPolicy(service: Service): string {
  const { policy, maxAttempts } = service.restart;
  return policy === 'on-failure' && maxAttempts !== undefined ? `on-failure:${maxAttempts}` : policy;
}

/** What the engine's restart policy cannot do: a chosen delay or backoff, a limit on `always`, restarts on failed health checks. */
export function restartFindings(service: Service): Finding[] {
  const { restart, name } = service;
  if (restart.policy === 'no') return [];
  const path = ['services', name, 'restart'];
  const out: Finding[] = [];
  const defaults = builtinDefaults.restart;
  const timing = restart.delayMs !== defaults.delayMs || restart.backoff !== defaults.backoff;
  if (timing) {
    out.push({
      diagnostic: diagnostic('W103', `compose cannot set the restart delay or backoff of \`${name}\` (\`restart\`): the Docker engine uses its own (100ms, doubling)`, { path }),
      note: `${name}: restart delay/backoff is the engine's own; \`orchgen up\` applies the one in the spec.`,
    });
  }
  if (restart.policy === 'always' && restart.maxAttempts !== undefined) {
    out.push({
      diagnostic: diagnostic('W103', `compose cannot limit \`restart: always\` of \`${name}\` to ${restart.maxAttempts} attempts (\`restart.max_attempts\`)`, { path }),
      note: `${name}: restarts are not limited to ${restart.maxAttempts} (\`restart: always\`); \`orchgen up\` enforces the limit.`,
    });
  }
  if (service.health) {
    out.push({
      diagnostic: diagnostic('W103', `compose cannot restart \`${name}\` when its health check fails (\`health\`): the engine only marks it unhealthy`, { path: ['services', name, 'health'] }),
      note: `${name}: an unhealthy container is not restarted by the engine; \`orchgen up\` restarts it.`,
      cause: { key: 'compose-unhealthy-restart', service: name, message: unhealthyRestart },
    });
  }
  return out;
}

function unhealthyRestart(services: ReadonlyMap<string, readonly string[]>): string {
  const names = [...services.values()].flat();
  return `compose cannot restart ${names.length} services when their health check fails (\`health\`): ${codeList(names)}; the engine only marks them unhealthy (\`orchgen up\` restarts them)`;
}
