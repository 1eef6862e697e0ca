import { nodeNetworkLabel } from './names.js';
import type { Scope } from './scope.js';
import type { YamlMap } from '../shared/yaml.js';

/**
 * Pods on the node's network reach each other on 127.0.0.1, which holds only on one node: each
 * such pod is labelled, and requires a labelled pod of its project on its node. The scheduler
 * lets the first one go anywhere (a pod that matches its own affinity term may start alone), and
 * every later one follows it.
 */
export function colocationOf(scope: Scope): { labels: YamlMap; pod: YamlMap } {
  const { ctx, service } = scope;
  if (service.network !== 'host' || ctx.onNodeNetwork.size < 2) return { labels: {}, pod: {} };
  const labels = { [nodeNetworkLabel]: 'host' };
  const term = { labelSelector: { matchLabels: { 'app.kubernetes.io/part-of': ctx.model.project, ...labels } }, topologyKey: 'kubernetes.io/hostname' };
  return { labels, pod: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } } };
}
