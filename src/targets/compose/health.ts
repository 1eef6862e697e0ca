import type { Health, HealthCheck, Port } from '../../model/types.js';
import { formatDuration } from '../../model/duration.js';
import { probeScript } from '../shared/probe.js';
import { containerPortOf, isLoopback, parseHttpUrl, withPort } from '../shared/url.js';
import { literal } from './escape.js';
import type { YamlMap } from '../shared/yaml.js';

/** The Compose healthcheck; it runs inside the container. */
export function healthcheck(health: Health, ports: readonly Port[], hostNetwork: boolean): YamlMap {
  return {
    test: testOf(hostNetwork ? health.check : inContainer(health.check, ports), health.timeoutMs).map(literal),
    interval: formatDuration(health.intervalMs),
    timeout: formatDuration(health.timeoutMs),
    retries: health.retries,
    start_period: formatDuration(health.startPeriodMs),
    ...(health.startIntervalMs !== undefined ? { start_interval: formatDuration(health.startIntervalMs) } : {}),
  };
}

function testOf(check: HealthCheck, timeoutMs: number): string[] {
  if (check.kind !== 'exec') return ['CMD-SHELL', probeScript(check, timeoutMs)];
  const command = check.command;
  return command.kind === 'exec' ? ['CMD', ...command.argv] : ['CMD-SHELL', command.script];
}

/**
 * A check written against the host, moved into the container: a loopback address and a published
 * host port become the container port.
 */
export function inContainer(check: HealthCheck, ports: readonly Port[]): HealthCheck {
  if (check.kind === 'tcp') {
    const container = isLoopback(check.host) ? containerPortOf(check.port, ports) : check.port;
    return container === check.port ? check : { ...check, port: container };
  }
  if (check.kind === 'http') {
    const url = inContainerUrl(check.url, ports);
    return url === check.url ? check : { ...check, url };
  }
  return check;
}


function inContainerUrl(url: string, ports: readonly Port[]): string {
  const parsed = parseHttpUrl(url);
  if (!parsed || !isLoopback(parsed.host)) return url;
  const container = containerPortOf(parsed.port, ports);
  return container === parsed.port ? url : withPort(url, container);
}
