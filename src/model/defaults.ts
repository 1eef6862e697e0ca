import type { Restart, Stop } from './types.js';

/** What a service gets when neither it nor `defaults:` says otherwise. */
export const builtinDefaults = {
  health: { intervalMs: 5_000, timeoutMs: 3_000, retries: 3, startPeriodMs: 0 },
  /** Model servers load weights before they answer. */
  gpuStartPeriodMs: 120_000,
  restart: { policy: 'on-failure', delayMs: 1_000, backoff: 'fixed', maxDelayMs: 60_000 } satisfies Restart,
  stop: { signal: 'SIGTERM', timeoutMs: 10_000 } satisfies Stop,
  systemdWantedBy: 'multi-user.target',
  monitor: {
    listen: '127.0.0.1:9786',
    tokenEnv: 'ORCHGEN_MONITOR_TOKEN',
    /** A service without a health check is looked at this often (through its tool's state). */
    intervalMs: 10_000,
    breaker: { failures: 5, successes: 2, openForMs: 60_000 },
    recovery: { attempts: 3, delayMs: 5_000, backoff: 2, maxDelayMs: 60_000, resetAfterMs: 300_000, restartDependents: true },
  },
} as const;
