import { colocationOf } from './colocation.js';
import { mainContainerOf } from './container.js';
import { hostAliasesOf } from './container-keys.js';
import { deepMerge } from './merge.js';
import { selectorLabels, serviceLabels } from './names.js';
import { networkOf } from './network.js';
import { deploymentRestart, jobRestart } from './restart.js';
import type { Scope } from './scope.js';
import { gracePeriodOf } from './stop.js';
import { volumesOf } from './volumes.js';
import { initContainersOf } from './wait.js';
import type { YamlMap } from '../shared/yaml.js';

/**
 * A Deployment of one replica, or a Job for a service others wait for with `completed`. Pods do
 * not get the Services' addresses as environment variables (enableServiceLinks: false), so the
 * process sees the environment the spec gives it and nothing more of the cluster's. Updates
 * recreate the pod, as a restart does on one machine: a ReadWriteOnce volume or a GPU is never
 * needed by two pods at once.
 */
export function workloadOf(scope: Scope): YamlMap {
  const { service, ctx } = scope;
  const project = ctx.model.project;
  const job = ctx.runToCompletion.has(service.name);
  const restart = job ? jobRestart(scope) : deploymentRestart(scope);
  const volumes = volumesOf(scope);
  const colocation = colocationOf(scope);
  const pod: YamlMap = {
    enableServiceLinks: false,
    restartPolicy: restart.restartPolicy,
    terminationGracePeriodSeconds: gracePeriodOf(scope),
    ...networkOf(scope),
    ...hostAliasesOf(scope),
    ...colocation.pod,
  };
  const init = initContainersOf(scope);
  if (init.length > 0) pod.initContainers = init;
  pod.containers = [mainContainerOf(scope, volumes)];
  if (volumes.volumes.length > 0) pod.volumes = volumes.volumes;
  const template = { metadata: { labels: { ...serviceLabels(project, service.name), ...colocation.labels } }, spec: deepMerge(pod, service.native.k8s ?? {}) };
  const metadata = { name: service.name, labels: serviceLabels(project, service.name) };
  if (job && 'backoffLimit' in restart) return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: { backoffLimit: restart.backoffLimit, template } };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: { replicas: 1, selector: { matchLabels: selectorLabels(project, service.name) }, strategy: { type: 'Recreate' }, template },
  };
}
