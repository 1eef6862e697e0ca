import type { Model, Service, Volume } from '../../model/types.js';
import type { Artifact, TargetInput, TargetOutput } from '../target.js';
import { k8sContext } from './context.js';
import { kustomizationFile, manifestFile, type Document } from './documents.js';
import { overlayOf } from './fallback.js';
import { diagnosticsOf, notesOf, type Finding } from './finding.js';
import { baseDir, namespaceFlag, podSecurityLabel, projectLabels, requiredEnvSecret } from './names.js';
import { serviceObjectsOf, type ServiceObjects } from './objects.js';
import { serviceScope } from './scope.js';
import { isLoopback, parseHttpUrl } from '../shared/url.js';
import { claimName, claimObjectOf, externalClaimNotes, ownedClaims, quantity } from './volumes.js';

/**
 * base/: namespace.yaml, volumes.yaml and one file per service, with the kustomization listing
 * them; a kustomization.yaml beside base/ that builds it; and one overlay per fallback under
 * fallbacks/. The base has a folder of its own because kustomize refuses an overlay that lies
 * inside the folder of the kustomization it builds on.
 */
export function renderK8s({ model, services }: TargetInput): TargetOutput {
  if (services.length === 0) return { artifacts: [], diagnostics: [] };
  const ctx = k8sContext(model, services);
  const findings: Finding[] = [];
  const base: Artifact[] = [];
  const namespace = model.settings.k8s.namespace;
  if (namespace !== undefined) {
    const labels = needsPrivilegedPods(services) ? { ...projectLabels(model.project), [podSecurityLabel]: 'privileged' } : projectLabels(model.project);
    base.push({ path: 'namespace.yaml', content: manifestFile([{ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } } }]) });
  }
  const volumes = ownedClaims(services);
  if (volumes.length > 0) base.push({ path: 'volumes.yaml', content: manifestFile(volumes.map((v) => ({ body: claimObjectOf(model, v) }))), notes: [...claimSizeNotes(model, volumes), ...sharedClaimNotes(model, services, volumes)] });
  const overlays: Artifact[] = [];
  for (const service of services) {
    const scope = serviceScope(ctx, service);
    const objects = serviceObjectsOf(scope);
    base.push({ path: manifestName(service.name), content: manifestFile(documentsOf(service, objects)), notes: notesOf(scope.findings) });
    findings.push(...scope.findings);
    service.fallbacks.forEach((_, index) => {
      const overlay = overlayOf(ctx, service, objects, scope.findings, index);
      overlays.push(...overlay.artifacts);
      findings.push(...overlay.findings);
    });
  }
  const artifacts: Artifact[] = [
    { path: 'kustomization.yaml', content: kustomizationFile([baseDir], []), notes: stackNotes(model, services) },
    { path: `${baseDir}/kustomization.yaml`, content: kustomizationFile(base.map((a) => a.path), [], namespace) },
    ...base.map((a) => ({ ...a, path: `${baseDir}/${a.path}` })),
  ];
  return { artifacts: [...artifacts, ...overlays], diagnostics: diagnosticsOf(findings) };
}

/** `<service>.yaml`; a service named like one of the other files gets `<service>.service.yaml` (a dot is never in a service's name). */
function manifestName(service: string): string {
  return ['namespace', 'volumes', 'kustomization'].includes(service) ? `${service}.service.yaml` : `${service}.yaml`;
}

function documentsOf(service: Service, objects: ServiceObjects): Document[] {
  const workload: Document = service.description !== undefined ? { body: objects.workload, comments: [service.description] } : { body: objects.workload };
  return objects.service ? [workload, { body: objects.service }] : [workload];
}

/** What holds for the whole stack on a cluster. */
function stackNotes(model: Model, services: readonly Service[]): string[] {
  const notes: string[] = [];
  const flag = namespaceFlag(model);
  if (services.some((s) => s.ports.length > 0)) notes.push(`Services are ClusterIP, inside the cluster only: reach one from outside with kubectl port-forward${flag} svc/NAME PORT, or add an Ingress.`);
  const waitedFor = new Set(services.flatMap((s) => s.dependsOn.filter((d) => d.condition !== 'completed').map((d) => d.name)));
  const unreachable = services.filter((s) => !s.ports.some((p) => p.protocol === 'tcp') && waitedFor.has(s.name)).map((s) => s.name);
  if (unreachable.length > 0) {
    const which = unreachable.length === 1 ? `${unreachable[0]} publishes no TCP port, so it has no Service: other pods cannot reach it` : `${unreachable.join(', ')} publish no TCP port, so they have no Service: other pods cannot reach them`;
    notes.push(`${which} by name; add ports in the spec (127.0.0.1 is the pod itself, or its node with network: host).`);
  }
  const loopback = services.filter((s) => listensOnLoopback(s));
  if (loopback.length > 0) {
    notes.push(`The kubelet sends httpGet and tcpSocket probes to the pod's address, not 127.0.0.1: ${loopback.map((s) => s.name).join(', ')} must listen on all addresses (0.0.0.0) to pass them.`);
  }
  if (needsPrivilegedPods(services)) notes.push(podSecurityNote(model));
  notes.push(...secretNotes(model, services));
  notes.push(...externalClaimNotes(model, services));
  const fallbacks = services.flatMap((s) => s.fallbacks.map((f) => `fallbacks/${s.name}-${f.name}`));
  if (fallbacks.length > 0) notes.push(`Fallbacks are overlays over base/: kubectl apply -k ${fallbacks.join(' | ')}.`);
  return notes;
}

/** The Secret the pods read `env_required` keys, secrets and `env_optional` keys from: orchgen never writes a value. */
function secretNotes(model: Model, services: readonly Service[]): string[] {
  const all = services.flatMap((s) => [s, ...s.fallbacks.map((f) => f.service)]);
  const required = [...new Set(all.flatMap((s) => s.envRequired))];
  const secrets = [...new Set(all.flatMap((s) => s.secrets.map((x) => x.from)))];
  const optional = [...new Set(all.flatMap((s) => s.envOptional))];
  const keys = [...new Set([...required, ...secrets])];
  const secret = requiredEnvSecret(model.project);
  const notes: string[] = [];
  if (keys.length > 0) {
    const what = secrets.length === 0 ? 'env_required keys come' : required.length === 0 ? 'Secrets come' : 'Secrets and env_required keys come';
    notes.push(`${what} from the Secret ${secret}, not generated here: kubectl create secret generic ${secret}${namespaceFlag(model)} ${keys.map((k) => `--from-literal=${k}=...`).join(' ')}`);
  }
  if (optional.length > 0) {
    const create = `kubectl create secret generic ${secret}${namespaceFlag(model)}`;
    notes.push(`env_optional keys come from the Secret ${secret} only when it has them (secretKeyRef optional: true: a key it lacks, or no Secret at all, leaves the variable unset): ${optional.join(', ')}. Add those you set as --from-literal=KEY=... to ${create}.`);
  }
  return notes;
}

/** A check against the loopback address that the kubelet cannot reach: on the pod network it probes the pod's address. */
function listensOnLoopback(service: Service): boolean {
  if (service.network === 'host') return false;
  const check = service.health?.check;
  if (check?.kind === 'tcp') return isLoopback(check.host);
  const url = check?.kind === 'http' ? parseHttpUrl(check.url) : undefined;
  return url !== undefined && isLoopback(url.host);
}

/** Pods on the node's network or with hostPath volumes, which the baseline and restricted Pod Security levels refuse. */
function needsPrivilegedPods(services: readonly Service[]): boolean {
  return services.some((s) => s.network === 'host' || s.volumes.some((v) => v.kind === 'bind' && v.source.startsWith('/')));
}

function podSecurityNote(model: Model): string {
  const namespace = model.settings.k8s.namespace;
  const why = 'Pods on the node\'s network (hostNetwork) or with hostPath volumes are refused by the baseline and restricted Pod Security levels';
  if (namespace !== undefined) return `${why}: namespace.yaml labels ${namespace} ${podSecurityLabel}=privileged.`;
  return `${why}: the namespace needs kubectl label namespace NAME ${podSecurityLabel}=privileged.`;
}

/** Claims that ask for the default size say so: nothing in the spec chose it. */
function claimSizeNotes(model: Model, volumes: readonly Volume[]): string[] {
  const { volumeSizes } = model.settings.k8s;
  const defaulted = volumes.filter((v) => volumeSizes[v.source] === undefined).map((v) => claimName(model.project, v));
  if (defaulted.length === 0) return [];
  return [`${defaulted.join(', ')} ask${defaulted.length === 1 ? 's' : ''} for ${quantity(model.settings.k8s.volumeSize)} of the cluster's ${model.settings.k8s.storageClass ?? 'default'} storage class: set targets.k8s.volume_sizes (or volume_size) to change it.`];
}

function sharedClaimNotes(model: Model, services: readonly Service[], volumes: readonly Volume[]): string[] {
  const users = volumeUsers(services);
  return volumes.flatMap((volume) => {
    const names = users.get(volume.source) ?? [];
    return names.length > 1 ? [`${claimName(model.project, volume)} is mounted by ${names.join(', ')}: ReadWriteOnce puts their pods on one node.`] : [];
  });
}

/** The services mounting each named volume, in declaration order. */
function volumeUsers(services: readonly Service[]): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const service of services) {
    const mounted = new Set(service.volumes.filter((v) => v.kind === 'named').map((v) => v.source));
    for (const volume of mounted) {
      const names = users.get(volume);
      if (names) names.push(service.name);
      else users.set(volume, [service.name]);
    }
  }
  return users;
}
