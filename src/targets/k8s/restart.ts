import { builtinDefaults } from '../../model/defaults.js';
import { codeList } from '../shared/finding.js';
import { warn, type Scope } from './scope.js';
import type { YamlMap } from '../shared/yaml.js';

/** Kubernetes' own limit for a Job that sets none. */
const defaultBackoffLimit = 6;

/** A Deployment's pods restart always; the findings say what of `restart` that loses. */
export function deploymentRestart(scope: Scope): YamlMap {
  const { restart, name } = scope.service;
  const at = scope.at('restart');
  if (restart.policy === 'no') {
    const cause = { key: 'k8s-restart-no', service: name, message: restartedAnyway };
    warn(scope, `cannot leave \`${name}\` stopped after it exits (\`restart: no\`): a Deployment always restarts its pod`, at, `${name}: restarted after every exit (a Deployment cannot say restart: no).`, cause);
  }
  if (restart.policy === 'on-failure') {
    const cause = { key: 'k8s-restart-on-failure', service: name, message: restartedAfterCleanExit };
    warn(scope, `cannot restart \`${name}\` on failure only (\`restart: on-failure\`): a Deployment restarts its pod after a clean exit too`, at, `${name}: restarted after every exit, a clean one too (a Deployment cannot say restart: on-failure).`, cause);
  }
  if (restart.policy !== 'no' && restart.maxAttempts !== undefined) {
    warn(scope, `cannot limit the restarts of \`${name}\` to ${restart.maxAttempts} (\`restart.max_attempts\`): a Deployment restarts its pod without end`, at, `${name}: restarts are not limited to ${restart.maxAttempts}.`);
  }
  timing(scope);
  return { restartPolicy: 'Always' };
}

/** A Job's pod policy and its retry limit (`backoffLimit`). */
export function jobRestart(scope: Scope): { restartPolicy: string; backoffLimit: number } {
  const { restart, name } = scope.service;
  const at = scope.at('restart');
  if (restart.policy === 'no') return { restartPolicy: 'Never', backoffLimit: 0 };
  if (restart.policy === 'always') warn(scope, `cannot run \`${name}\` again after it completes (\`restart: always\`): it is a Job, which others wait for`, at, `${name}: a Job is retried on failure only, never run again after it completes.`);
  timing(scope);
  if (restart.maxAttempts !== undefined) return { restartPolicy: 'OnFailure', backoffLimit: restart.maxAttempts };
  warn(scope, `cannot retry \`${name}\` without limit (\`restart\`): a Job gives up after backoffLimit ${defaultBackoffLimit} (Kubernetes' default)`, at, `${name}: retried ${defaultBackoffLimit} times at most (backoffLimit; set restart.max_attempts to choose).`);
  return { restartPolicy: 'OnFailure', backoffLimit: defaultBackoffLimit };
}

function timing(scope: Scope): void {
  const { restart, name } = scope.service;
  const defaults = builtinDefaults.restart;
  if (restart.delayMs === defaults.delayMs && restart.backoff === defaults.backoff) return;
  warn(scope, `cannot set the restart delay or backoff of \`${name}\` (\`restart\`): the kubelet waits 10s, doubling up to 5m`, scope.at('restart'), `${name}: restart delay/backoff is the kubelet's own (10s, doubling up to 5m).`);
}

function restartedAnyway(services: ReadonlyMap<string, readonly string[]>): string {
  const names = [...services.values()].flat();
  return `k8s cannot leave ${names.length} services stopped after they exit (\`restart: no\`): ${codeList(names)}; a Deployment always restarts its pod`;
}

function restartedAfterCleanExit(services: ReadonlyMap<string, readonly string[]>): string {
  const names = [...services.values()].flat();
  return `k8s cannot restart ${names.length} services on failure only (\`restart: on-failure\`): ${codeList(names)}; a Deployment restarts its pod after a clean exit too`;
}
