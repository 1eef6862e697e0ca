import type { FallbackWhen, Service } from '../../model/types.js';
import type { Artifact } from '../target.js';
import type { K8sContext } from './context.js';
import { kustomizationFile, manifestFile, type KustomizationPatch } from './documents.js';
import { notesOf, warning, type Finding } from './finding.js';
import { baseDir, namespaceFlag } from './names.js';
import { kindOf, nameOf, serviceObjectsOf, type ServiceObjects } from './objects.js';
import { jsonPatch } from './patch.js';
import { variantScope } from './scope.js';
import { claimObjectOf, ownedClaims } from './volumes.js';
import type { YamlMap } from '../shared/yaml.js';

export interface Overlay {
  artifacts: Artifact[];
  findings: Finding[];
}

/**
 * A fallback as a kustomize overlay over the base: JSON patches for what the variant changes in the
 * service's objects, new objects it needs, and a delete patch for a Service it no longer has.
 */
export function overlayOf(ctx: K8sContext, base: Service, baseObjects: ServiceObjects, baseFindings: readonly Finding[], index: number): Overlay {
  const fallback = base.fallbacks[index]!;
  const dir = `fallbacks/${base.name}-${fallback.name}`;
  const scope = variantScope(ctx, base, index);
  const variant = serviceObjectsOf(scope, base);
  const resources = [`../../${baseDir}`];
  const patches: KustomizationPatch[] = [];
  const files: Artifact[] = [];
  const add = (path: string, content: string, note: string) => files.push({ path: `${dir}/${path}`, content, notes: [note] });

  const workloadFile = `${kindOf(variant.workload).toLowerCase()}.yaml`;
  const workloadOps = jsonPatch(baseObjects.workload, variant.workload);
  if (workloadOps.length > 0) {
    add(workloadFile, manifestFile([{ body: workloadOps }]), `JSON patch (RFC 6902) for the ${kindOf(variant.workload)} ${nameOf(variant.workload)}.`);
    patches.push({ path: workloadFile, target: { kind: kindOf(variant.workload), name: nameOf(variant.workload) } });
  }
  serviceChange(baseObjects.service, variant.service, resources, patches, add);

  const claims = ownedClaims([fallback.service]).filter((v) => !ctx.presentVolumes.has(v.source));
  if (claims.length > 0) {
    add('volumes.yaml', manifestFile(claims.map((v) => ({ body: claimObjectOf(ctx.model, v) }))), 'The claims only this variant uses.');
    resources.push('volumes.yaml');
  }

  const seen = new Set(baseFindings.map(key));
  const findings = [
    ...scope.findings.filter((f) => !seen.has(key(f))),
    warning(`does not switch \`${base.name}\` to a fallback by itself: the variant \`${fallback.name}\` is the overlay ${dir}`, ['services', base.name, 'fallbacks', index]),
  ];
  const notes = [
    `Fallback \`${fallback.name}\` of \`${base.name}\`, used when ${whenText(fallback.when)}.`,
    `Switch to it: kubectl apply -k ${dir}; back: kubectl apply -k . (both from the folder above base/).`,
    ...(kindOf(variant.workload) === 'Job' ? [`A Job's pod template cannot change: delete the Job first (kubectl delete job ${base.name}${namespaceFlag(ctx.model)}).`] : []),
    ...(workloadOps.length === 0 && patches.length === 0 ? ['The variant changes nothing these manifests say.'] : []),
    ...notesOf(findings),
  ];
  const kustomization: Artifact = { path: `${dir}/kustomization.yaml`, content: kustomizationFile(resources, patches, ctx.model.settings.k8s.namespace), notes };
  return { artifacts: [kustomization, ...files], findings };
}

function serviceChange(
  before: YamlMap | undefined,
  after: YamlMap | undefined,
  resources: string[],
  patches: KustomizationPatch[],
  add: (path: string, content: string, note: string) => void,
): void {
  if (before && after) {
    const ops = jsonPatch(before, after);
    if (ops.length === 0) return;
    add('service.yaml', manifestFile([{ body: ops }]), `JSON patch (RFC 6902) for the Service ${nameOf(after)}.`);
    patches.push({ path: 'service.yaml', target: { kind: 'Service', name: nameOf(after) } });
  } else if (after) {
    add('service.yaml', manifestFile([{ body: after }]), 'The Service only this variant has.');
    resources.push('service.yaml');
  } else if (before) {
    const remove: YamlMap = { $patch: 'delete', apiVersion: 'v1', kind: 'Service', metadata: { name: nameOf(before) } };
    add('service.yaml', manifestFile([{ body: remove }]), 'The variant publishes no port: its Service goes.');
    patches.push({ path: 'service.yaml' });
  }
}

function key(finding: Finding): string {
  const d = finding.diagnostic;
  return JSON.stringify([d.code, d.message, d.path]);
}

function whenText(when: FallbackWhen): string {
  const parts: string[] = [];
  if (when.exitCodes.length > 0) parts.push(`it exits with code ${when.exitCodes.join(', ')}`);
  if (when.log !== undefined) parts.push(`its output matches /${when.log.replace(/[\r\n]+/g, ' ')}/`);
  if (when.healthTimeout) parts.push('its health check never passes');
  return parts.length > 0 ? parts.join(' or ') : 'it fails';
}
