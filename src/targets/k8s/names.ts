import type { Model } from '../../model/types.js';
import type { YamlMap } from '../shared/yaml.js';

/** The folder of the base manifests, beside the overlays' folder `fallbacks/`. */
export const baseDir = 'base';

/** The labels every object of a service carries; the first two select its pods. */
export function serviceLabels(project: string, service: string): YamlMap {
  return { ...selectorLabels(project, service), 'app.kubernetes.io/managed-by': 'orchgen' };
}

export function selectorLabels(project: string, service: string): YamlMap {
  return { 'app.kubernetes.io/name': service, 'app.kubernetes.io/part-of': project };
}

/** The label that marks the pods of a project on the node's network, which must share one node. */
export const nodeNetworkLabel = 'orchgen/network';

/** The namespace label that sets the Pod Security level its pods are admitted at. */
export const podSecurityLabel = 'pod-security.kubernetes.io/enforce';

/** Labels of the objects that belong to the project rather than one service (namespace, volumes). */
export function projectLabels(project: string): YamlMap {
  return { 'app.kubernetes.io/part-of': project, 'app.kubernetes.io/managed-by': 'orchgen' };
}

/** The Secret that holds the `env_required` keys of every service. */
export function requiredEnvSecret(project: string): string {
  return `${project}-env`;
}

/** The ConfigMap a user makes from one `env_file` of a service. */
export function envFileConfigMap(service: string, index: number, count: number): string {
  return count === 1 ? `${service}-env-file` : `${service}-env-file-${index + 1}`;
}

/** A DNS label (lower-case letters, digits and dashes, at most 63) made from any text. */
export function dnsLabel(text: string): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return label === '' ? 'x' : label;
}

/** ` -n NAMESPACE` for the kubectl commands the notes suggest, or nothing. */
export function namespaceFlag(model: Model): string {
  const namespace = model.settings.k8s.namespace;
  return namespace === undefined ? '' : ` -n ${namespace}`;
}
