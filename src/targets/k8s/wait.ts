import type { Dependency, Service } from '../../model/types.js';
import { readinessBudgetMs } from '../shared/probe.js';
import { shellQuote } from '../shared/shell.js';
import { literal } from './escape.js';
import { listByAbout, type Cause } from '../shared/finding.js';
import { warn, type Scope } from './scope.js';
import { formatHttpUrl, isLoopback, loopbackAddress, parseHttpUrl, publishedPortOf } from '../shared/url.js';
import type { YamlMap } from '../shared/yaml.js';

export const waitImage = 'busybox:1.36';

/**
 * One init container per dependency that loops until the dependency answers at its Service. A
 * Service forwards only to pods whose readiness probe passes, so an answer means "healthy" even
 * for a dependency checked by exec. An optional dependency is waited for as long as it may take
 * to become healthy, then the pod starts anyway. A `started` dependency with a health check is not
 * waited for: any answer from it means healthy, which is more than was asked.
 */
export function initContainersOf(scope: Scope): YamlMap[] {
  return scope.service.dependsOn.flatMap((dep, index) => {
    const script = waitScript(scope, dep);
    if (script === undefined) return [];
    const name = `wait-for-${dep.name}`.length <= 63 ? `wait-for-${dep.name}` : `wait-for-${index + 1}`;
    return [{ name, image: waitImage, command: ['/bin/sh', '-c', literal(script)] }];
  });
}

function waitScript(scope: Scope, dep: Dependency): string | undefined {
  const { service, ctx } = scope;
  const at = scope.at('depends_on', dep.name);
  const target = ctx.present.get(dep.name);
  const cannot = (why: string, note: string, cause?: Pick<Cause, 'key' | 'message'>) => {
    const grouped = cause && { ...cause, service: service.name, about: dep.name };
    warn(scope, `cannot make \`${service.name}\` wait for \`${dep.name}\` (\`depends_on\`): ${why}`, at, `${service.name}: starts without waiting for ${dep.name} (${note}).`, grouped);
    return undefined;
  };
  if (!target) return cannot(`\`${dep.name}\` is not on this target`, 'not in these manifests');
  if (dep.condition === 'completed') return cannot(`waiting for a Job to complete needs access to the API (RBAC)`, 'its Job completing cannot be waited for without RBAC');
  // Its Service answers only once its readiness probe passes, and its own check is that probe: either wait means healthy.
  if (dep.condition === 'started' && target.health) return cannot(`\`${dep.name}\` answers only once healthy (its Service forwards to ready pods only), and \`started\` must not wait for that`, 'started, not healthy, was asked; Kubernetes starts the pods side by side', { key: 'k8s-wait-started', message: startedNotWaited });
  const check = (service.network === 'host' && target.network === 'host' ? answersOnNode(target) : undefined) ?? answers(target);
  if (check === undefined) return cannot(`\`${dep.name}\` publishes no TCP port, so it has no Service to ask`, 'it has no Service to ask', { key: 'k8s-wait-no-port', message: noServiceToAsk });
  const loop = `until ${check}; do sleep 2; done`;
  if (dep.required) return loop;
  return `timeout ${Math.ceil(budgetMs(target) / 1000)} sh -c ${shellQuote(loop)} || true`;
}

function noServiceToAsk(waiting: ReadonlyMap<string, readonly string[]>): string {
  return `k8s cannot make services wait for a dependency that publishes no TCP port, as it has no Service to ask (\`depends_on\`): ${listByAbout(waiting, 'for')}; they start without waiting`;
}

function startedNotWaited(waiting: ReadonlyMap<string, readonly string[]>): string {
  return `k8s cannot make services wait for a dependency to be started only (\`depends_on\`): each answers only once healthy (its Service forwards to ready pods only), and \`started\` must not wait for that: ${listByAbout(waiting, 'for')}; Kubernetes starts them side by side`;
}

/** A command that succeeds once the service answers at its Service: its own http check when it can, else a TCP connection. */
function answers(target: Service): string | undefined {
  const check = target.health?.check;
  // busybox wget fails on a status of 400 or more, so only a check that expects less can use it.
  if (check?.kind === 'http' && check.status < 400) {
    const url = parseHttpUrl(check.url);
    const port = url && isLoopback(url.host) ? publishedPortOf(url.port, target.ports) : undefined;
    if (url && port) return `wget -q -O /dev/null ${shellQuote(`${url.scheme}://${target.name}:${port.host}${url.path}`)}`;
  }
  const port = (check?.kind === 'tcp' && isLoopback(check.host) ? publishedPortOf(check.port, target.ports) : undefined) ?? target.ports.find((p) => p.protocol === 'tcp');
  return port && `nc -w 2 ${target.name} ${port.host} </dev/null`;
}

/**
 * Pods on the node's network share one node (see colocation.ts), so a dependency checked over
 * http or tcp on 127.0.0.1 is asked there, by its own check, with no Service in between.
 */
function answersOnNode(target: Service): string | undefined {
  const check = target.health?.check;
  if (check?.kind === 'tcp' && isLoopback(check.host)) return `nc -w 2 ${loopbackAddress(check.host)} ${check.port} </dev/null`;
  if (check?.kind !== 'http' || check.status >= 400) return undefined;
  const url = parseHttpUrl(check.url);
  if (!url || !isLoopback(url.host) || url.userinfo !== '' || url.scheme !== 'http') return undefined;
  return `wget -q -T 2 -O /dev/null ${shellQuote(formatHttpUrl({ ...url, host: url.host.toLowerCase() === 'localhost' ? '127.0.0.1' : url.host }))}`;
}

/** As long as `orchgen up` waits for it. */
function budgetMs(target: Service): number {
  return target.health ? readinessBudgetMs(target.health) : Math.max(2000, target.stop.timeoutMs);
}
