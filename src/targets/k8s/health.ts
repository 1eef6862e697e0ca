import type { Health, HealthCheck, Service } from '../../model/types.js';
import { probeScript } from '../shared/probe.js';
import { literal } from './escape.js';
import { warn, type Scope } from './scope.js';
import { containerPortOf, formatHttpUrl, isLoopback, loopbackAddress, parseHttpUrl } from '../shared/url.js';
import type { YamlMap } from '../shared/yaml.js';

/** Kubernetes holds probe counts in 32-bit integers; this many tries at one a second last 68 years. */
const int32Max = 2 ** 31 - 1;

/**
 * The health check as a readiness probe, and a startup probe that covers `start_period`. No
 * liveness probe: no other target restarts a service that turns unhealthy once up, and a liveness
 * probe that fails while a dependency is down would restart every pod that checks it.
 */
export function probesOf(scope: Scope): YamlMap {
  const health = scope.service.health;
  if (!health) return {};
  wholeSeconds(scope, health);
  const handler = handlerOf(scope, health);
  const timing = { periodSeconds: seconds(health.intervalMs), timeoutSeconds: seconds(health.timeoutMs) };
  const out: YamlMap = { readinessProbe: { ...handler, ...timing, failureThreshold: health.retries } };
  if (health.startPeriodMs > 0) out.startupProbe = { ...handler, ...timing, ...startupTiming(health) };
  return out;
}

/**
 * The startup probe tries every `start_interval` (else every `interval`) for as long as the other
 * targets wait: the start period, then `retries` intervals.
 */
function startupTiming(health: Health): YamlMap {
  const periodMs = seconds(health.startIntervalMs ?? health.intervalMs) * 1000;
  const retriesMs = health.retries * seconds(health.intervalMs) * 1000;
  const threshold = Math.ceil(health.startPeriodMs / periodMs) + Math.ceil(retriesMs / periodMs);
  return { periodSeconds: periodMs / 1000, failureThreshold: Math.min(threshold, int32Max) };
}

export function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function wholeSeconds(scope: Scope, health: Health): void {
  const name = scope.service.name;
  const timings = [['interval', health.intervalMs], ['timeout', health.timeoutMs], ['start_interval', health.startPeriodMs > 0 ? health.startIntervalMs : undefined]] as const;
  for (const [key, ms] of timings) {
    if (ms === undefined || (ms % 1000 === 0 && ms > 0)) continue;
    warn(scope, `probes of \`${name}\` count whole seconds: \`health.${key}\` ${ms}ms becomes ${seconds(ms)}s`, scope.at('health', key), `${name}: health ${key} rounded up to ${seconds(ms)}s (probes count whole seconds).`);
  }
}

function handlerOf(scope: Scope, health: Health): YamlMap {
  const { check } = health;
  const { service } = scope;
  switch (check.kind) {
    case 'http':
      return httpGet(scope, check) ?? execHandler(['/bin/sh', '-c', probeScript(inContainer(check, service), health.timeoutMs)]);
    case 'tcp': {
      const tcpSocket: YamlMap = isLoopback(check.host) ? loopbackTarget(service, check.host, check.port) : { host: unbracketed(check.host), port: check.port };
      return { tcpSocket };
    }
    case 'exec':
      return execHandler(check.command.kind === 'exec' ? check.command.argv : ['/bin/sh', '-c', check.command.script]);
  }
}

function execHandler(argv: readonly string[]): YamlMap {
  return { exec: { command: argv.map(literal) } };
}

/** An httpGet probe, or undefined (with a warning) when the kubelet cannot make this request. */
function httpGet(scope: Scope, check: Extract<HealthCheck, { kind: 'http' }>): YamlMap | undefined {
  const url = parseHttpUrl(check.url);
  const name = scope.service.name;
  const fallBack = (why: string) => {
    warn(scope, `cannot check \`${name}\` with an httpGet probe (\`health.http\`): ${why}; it runs curl or wget in the container instead`, scope.at('health', 'http'), `${name}: the http health check runs curl or wget inside the container (${why}).`);
    return undefined;
  };
  if (!url) return fallBack('the URL has no host');
  if (url.userinfo !== '') return fallBack('the URL carries credentials');
  if (check.status < 200 || check.status > 399) return fallBack(`the kubelet takes only 200-399 as healthy, not ${check.status}`);
  const target = isLoopback(url.host) ? loopbackTarget(scope.service, url.host, url.port) : { host: unbracketed(url.host), port: url.port };
  const out: YamlMap = { ...(target.host === undefined ? {} : { host: target.host }), path: url.path, port: target.port };
  if (url.scheme === 'https') out.scheme = 'HTTPS';
  return { httpGet: out };
}

/**
 * Where the kubelet reaches a check written against the loopback address. On the node's network
 * (`network: host`) it is the node's own loopback, which the kubelet shares: the probe names it
 * (the Kubernetes probe docs prescribe `host: 127.0.0.1` for exactly this case). On the pod
 * network the kubelet can only reach the pod's address, at the container port.
 */
function loopbackTarget(service: Service, host: string, port: number): { host?: string; port: number } {
  if (service.network === 'host') return { host: loopbackAddress(host), port };
  return { port: containerPortOf(port, service.ports) };
}

function inContainer(check: Extract<HealthCheck, { kind: 'http' }>, service: Service): HealthCheck {
  const url = parseHttpUrl(check.url);
  if (!url || !isLoopback(url.host)) return check;
  return { ...check, url: formatHttpUrl({ ...url, port: containerPortOf(url.port, service.ports) }) };
}

function unbracketed(host: string): string {
  return host.replace(/^\[|\]$/g, '');
}
