import { builtinDefaults } from './defaults.js';
import { parseDuration } from './duration.js';
import { parseHostPort } from './host-port.js';
import type { OrchgenSpec, RawService } from '../spec/raw.js';
import type { MonitorSettings, ServiceMonitor } from './types.js';

type Policy = NonNullable<RawService['monitor']>;

/** The stack's `monitor:` settings, with their defaults. */
export function monitorSettings(spec: OrchgenSpec): MonitorSettings {
  const raw = spec.monitor ?? {};
  return {
    listen: parseHostPort(raw.listen ?? builtinDefaults.monitor.listen),
    tokenEnv: raw.token_env ?? builtinDefaults.monitor.tokenEnv,
    readOnly: raw.read_only ?? false,
  };
}

/**
 * One service's monitoring: its own `monitor:` over the stack's, key by key; the interval falls back
 * to the service's health interval.
 */
export function serviceMonitor(spec: Pick<OrchgenSpec, 'monitor'>, raw: Policy | undefined, healthIntervalMs: number | undefined): ServiceMonitor {
  const stack: Policy = spec.monitor ?? {};
  const own: Policy = raw ?? {};
  const breaker = { ...stack.circuit_breaker, ...own.circuit_breaker };
  const recovery = { ...stack.recovery, ...own.recovery };
  const builtin = builtinDefaults.monitor;
  const duration = (text: string | undefined, fallback: number): number => (text === undefined ? fallback : parseDuration(text));
  return {
    intervalMs: duration(own.interval ?? stack.interval, healthIntervalMs ?? builtin.intervalMs),
    breaker: {
      failures: breaker.failures ?? builtin.breaker.failures,
      successes: breaker.successes ?? builtin.breaker.successes,
      openForMs: duration(breaker.open_for, builtin.breaker.openForMs),
    },
    recovery: {
      attempts: recovery.attempts ?? builtin.recovery.attempts,
      delayMs: duration(recovery.delay, builtin.recovery.delayMs),
      backoff: recovery.backoff ?? builtin.recovery.backoff,
      maxDelayMs: duration(recovery.max_delay, builtin.recovery.maxDelayMs),
      resetAfterMs: duration(recovery.reset_after, builtin.recovery.resetAfterMs),
      restartDependents: recovery.restart_dependents ?? builtin.recovery.restartDependents,
    },
  };
}
