import { warn, type Scope } from './scope.js';
import type { YamlMap } from '../shared/yaml.js';

/** Seconds between the stop signal and SIGKILL; whole seconds, rounded up. */
export function gracePeriodOf(scope: Scope): number {
  const { timeoutMs } = scope.service.stop;
  const seconds = Math.ceil(timeoutMs / 1000);
  if (seconds * 1000 !== timeoutMs) {
    const name = scope.service.name;
    warn(scope, `counts the stop timeout of \`${name}\` in whole seconds (\`stop.timeout\`): ${timeoutMs}ms becomes ${seconds}s`, scope.at('stop', 'timeout'), `${name}: stop timeout rounded up to ${seconds}s.`);
  }
  return seconds;
}

/**
 * The kubelet always sends SIGTERM. Another signal is sent by a preStop hook to the container's
 * PID 1, which then waits for it to exit; SIGTERM follows only if it has not. The hook needs
 * /bin/sh and kill in the image (a failed hook is logged and the stop goes on with SIGTERM).
 */
export function lifecycleOf(scope: Scope): YamlMap | undefined {
  const { signal } = scope.service.stop;
  if (signal === 'SIGTERM') return undefined;
  const name = scope.service.name;
  const at = scope.at('stop', 'signal');
  if (signal === 'SIGKILL') {
    warn(scope, `cannot stop \`${name}\` with SIGKILL (\`stop.signal\`): the kubelet sends SIGTERM first`, at, `${name}: stopped with SIGTERM, then SIGKILL after the grace period (SIGKILL first cannot be said).`);
    return undefined;
  }
  const short = signal.replace(/^SIG/, '');
  warn(scope, `cannot stop \`${name}\` with ${signal} natively (\`stop.signal\`): a preStop hook sends it, which needs /bin/sh and kill in the image`, at, `${name}: ${signal} is sent by a preStop hook (needs /bin/sh and kill in the image); SIGTERM follows if it is still running.`);
  return { preStop: { exec: { command: ['/bin/sh', '-c', `kill -${short} 1 && while kill -0 1 2>/dev/null; do sleep 1; done`] } } };
}
