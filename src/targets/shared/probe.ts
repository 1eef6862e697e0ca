import type { Command, Health, HealthCheck } from '../../model/types.js';
import { shellJoin, shellQuote } from './shell.js';

/**
 * One health probe as a POSIX sh script that exits 0 when the service is healthy. It uses curl or
 * wget for http, nc for tcp, whichever the host or image has; busybox's wget has no timeout
 * option and its nc no -z, so those run without them (whoever runs the probe bounds its time).
 */
export function probeScript(check: HealthCheck, timeoutMs: number): string {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  switch (check.kind) {
    case 'http': {
      const url = shellQuote(check.url);
      const curl = `[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time ${seconds} ${url})" = ${check.status} ]`;
      const wget = `wget -q -O /dev/null ${url}`;
      return `if command -v curl >/dev/null 2>&1; then ${curl}; else ${wget}; fi`;
    }
    case 'tcp':
      const target = `${shellQuote(check.host)} ${check.port}`;
      return `nc -z -w ${seconds} ${target} 2>/dev/null || nc -w ${seconds} ${target} </dev/null`;
    case 'exec':
      return `timeout ${seconds} ${commandScript(check.command)}`;
  }
}

/**
 * A loop that returns once the probe passes; whoever runs it bounds how long it may take. Given the
 * name of a variable holding the service's pid, it gives up as soon as that process is gone.
 */
export function readinessWait(health: Health, pidVariable?: string): string {
  const alive = pidVariable ? `kill -0 "$${pidVariable}" 2>/dev/null || exit 1; ` : '';
  return `until ${probeScript(health.check, health.timeoutMs)}; do ${alive}sleep 0.25; done`;
}

/** How long a service may take to become healthy: the grace period, then every retry. */
export function readinessBudgetMs(health: Health): number {
  return health.startPeriodMs + health.retries * (health.intervalMs + health.timeoutMs);
}

export function commandScript(command: Command): string {
  return command.kind === 'shell' ? `sh -c ${shellQuote(command.script)}` : shellJoin(command.argv);
}
