import type { Service } from '../model/types.js';
import { dockerExec } from './docker.js';
import { execOnHost } from './probe.js';

/** What `docker exec` exits with when there is no such container: the check fails. */
const noContainer = 1;

/**
 * Runs an exec health check where the service runs: inside its container for an image service, so
 * nothing on this host can pass it; on this host for a process. No container, no pass.
 */
export function execWhereServiceRuns(
  service: Service,
  container: string | undefined,
  argv: string[],
  timeoutMs: number,
  env: Record<string, string | undefined>,
): Promise<number> {
  if (service.kind !== 'container') return execOnHost(argv, timeoutMs, env);
  return container === undefined ? Promise.resolve(noContainer) : dockerExec(container, argv, timeoutMs);
}
