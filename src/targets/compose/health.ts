import type { Health, HealthCheck, Port } from '../../model/types.js';
import { formatDuration } from '../../model/duration.js';
import { probeScript } from '../shared/probe.js';
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
  };
}

function testOf(check: HealthCheck, timeoutMs: number): string[] {
  if (check.kind !== 'exec') return ['CMD-SHELL', probeScript(check, timeoutMs)];
  const command = check.command;
  return command.kind === 'exec' ? ['CMD', ...command.argv] : ['CMD-SHELL', command.script];
}

const loopback = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * A check written against the host, moved into the container: a loopback address and a published
 * host port become the container port.
 */
export function inContainer(check: HealthCheck, ports: readonly Port[]): HealthCheck {
  if (check.kind === 'tcp') {
    const container = loopback.has(check.host) ? containerPort(check.port, ports) : undefined;
    return container === undefined ? check : { ...check, port: container };
  }
  if (check.kind === 'http') {
    const url = inContainerUrl(check.url, ports);
    return url === check.url ? check : { ...check, url };
  }
  return check;
}

function containerPort(hostPort: number, ports: readonly Port[]): number | undefined {
  return ports.find((p) => p.protocol === 'tcp' && p.host === hostPort)?.container;
}

function inContainerUrl(url: string, ports: readonly Port[]): string {
  const match = /^(https?:\/\/)([^/?#]*)(.*)$/s.exec(url);
  if (!match) return url;
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string];
  const at = authority.lastIndexOf('@');
  const userinfo = authority.slice(0, at + 1);
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::([0-9]*))?$/.exec(authority.slice(at + 1));
  if (!hostPort) return url;
  const host = hostPort[1]!;
  const port = hostPort[2] ? Number(hostPort[2]) : scheme === 'https://' ? 443 : 80;
  const container = loopback.has(host.toLowerCase()) ? containerPort(port, ports) : undefined;
  return container === undefined ? url : `${scheme}${userinfo}${host}:${container}${rest}`;
}
