import type { Model, Service, Volume } from '../../model/types.js';
import { engineVolumeName } from '../shared/volume-name.js';
import { dnsLabel, projectLabels } from './names.js';
import { listByAbout } from '../shared/finding.js';
import { warn, type Scope } from './scope.js';
import type { YamlMap } from '../shared/yaml.js';

export interface PodVolumes {
  volumes: YamlMap[];
  mounts: YamlMap[];
}

/** Named volumes as PersistentVolumeClaims, bind mounts as hostPath (or emptyDir for a relative path). */
export function volumesOf(scope: Scope): PodVolumes {
  const { service, ctx } = scope;
  const volumes = new Map<string, YamlMap>();
  const mounts: YamlMap[] = [];
  let binds = 0;
  service.volumes.forEach((volume, index) => {
    const at = scope.at('volumes', index);
    let name: string;
    if (volume.kind === 'named') {
      name = dnsLabel(volume.source);
      const cause = { key: 'k8s-volume-name', service: service.name, about: volume.source, message: renamedVolumes };
      if (name !== volume.source) warn(scope, `names volume \`${volume.source}\` of \`${service.name}\` \`${name}\` (\`volumes\`): a volume name is a DNS label`, at, `volume ${volume.source} is named ${name} in the pod and ${claimName(ctx.model.project, volume)} as a claim.`, cause);
      volumes.set(name, { name, persistentVolumeClaim: { claimName: claimName(ctx.model.project, volume) } });
    } else {
      name = `host-${++binds}`;
      volumes.set(name, bindVolume(scope, name, volume.source, at));
    }
    mounts.push(volume.readOnly ? { name, mountPath: volume.target, readOnly: true } : { name, mountPath: volume.target });
  });
  addDevices(scope, volumes, mounts);
  return { volumes: [...volumes.values()], mounts };
}

/**
 * A device as a hostPath: a device node (CharDevice), or a folder of them (Directory) such as
 * /dev/snd, which docker's `--device` takes whole. The node's devices then appear in the container,
 * but the runtime's device cgroup still denies opening them: only `securityContext.privileged` or a
 * device plugin grants that, and both are the cluster owner's call, so neither is written here.
 */
function addDevices(scope: Scope, volumes: Map<string, YamlMap>, mounts: YamlMap[]): void {
  const service = scope.service.name;
  scope.service.devices.forEach((device, index) => {
    const name = `device-${index + 1}`;
    const type = deviceHostPathType(device.host);
    warn(scope, `gives ${device.host} to \`${service}\` as a hostPath of type ${type} (\`devices\`): the container can open it only with securityContext.privileged (through native.k8s) or a device plugin`, scope.at('devices', index), `${service}: ${device.host} is a hostPath of type ${type} at ${device.container}: opening it needs securityContext.privileged or a device plugin.`);
    volumes.set(name, { name, hostPath: { path: device.host, type } });
    mounts.push(device.permissions.includes('w') ? { name, mountPath: device.container } : { name, mountPath: device.container, readOnly: true });
  });
}

/** Folders under /dev that hold device nodes rather than being one (sound, GPUs' render nodes, input, USB, VFIO, ...). */
const deviceFolders = new Set(['/dev/snd', '/dev/dri', '/dev/input', '/dev/bus', '/dev/bus/usb', '/dev/usb', '/dev/vfio', '/dev/net', '/dev/dvb', '/dev/infiniband', '/dev/v4l']);

/** The kubelet refuses a CharDevice hostPath that is a folder: /dev/snd is one. */
export function deviceHostPathType(host: string): 'CharDevice' | 'Directory' {
  return deviceFolders.has(host.replace(/\/+$/, '')) ? 'Directory' : 'CharDevice';
}

function bindVolume(scope: Scope, name: string, source: string, at: ReturnType<Scope['at']>): YamlMap {
  const service = scope.service.name;
  if (source.startsWith('/')) {
    const type = hostPathType(source);
    const kind = kindOf(type);
    const cause = { key: 'k8s-host-path', service, about: source, message: hostPaths };
    warn(scope, `mounts ${source} of \`${service}\` from the node the pod runs on (hostPath, \`volumes\`): it must exist there as a ${kind}`, at, `${service}: ${source} is a hostPath of type ${type}: the pod does not start unless it exists on its node.`, cause);
    return { name, hostPath: { path: source, type } };
  }
  const cause = { key: 'k8s-relative-mount', service, about: source, message: relativeMounts };
  warn(scope, `cannot mount the relative path ${source} of \`${service}\` (\`volumes\`): the pod gets an empty folder; use a PersistentVolumeClaim or a ConfigMap through native.k8s`, at, `${service}: ${source} is relative to the spec, which no node has: the pod gets an empty folder (emptyDir).`, cause);
  return { name, emptyDir: {} };
}

function renamedVolumes(services: ReadonlyMap<string, readonly string[]>): string {
  return `k8s names volumes by DNS labels (\`volumes\`): ${listByAbout(services, 'in', (source) => `\`${source}\` as \`${dnsLabel(source)}\``)}`;
}

function hostPaths(services: ReadonlyMap<string, readonly string[]>): string {
  return `k8s mounts paths from the node each pod runs on (hostPath, \`volumes\`), which must exist there: ${listByAbout(services, 'in', (source) => `\`${source}\` as a ${kindOf(hostPathType(source))}`)}`;
}

function kindOf(type: ReturnType<typeof hostPathType>): string {
  return type === 'Directory' ? 'folder' : type === 'Socket' ? 'socket' : 'file';
}

function relativeMounts(services: ReadonlyMap<string, readonly string[]>): string {
  return `k8s cannot mount relative paths (\`volumes\`): ${listByAbout(services, 'in')}; the pods get empty folders; use a PersistentVolumeClaim or a ConfigMap through native.k8s`;
}

/**
 * The kubelet checks a hostPath of a type before it mounts it, as preflight checks a volume source
 * on the other targets. The spec does not say what the source is, so its name does: `*.sock` is a
 * socket, a last segment with an extension (`app.conf`, not `.cache`) a file, anything else a folder.
 */
export function hostPathType(source: string): 'Directory' | 'File' | 'Socket' {
  const last = source.replace(/\/+$/, '').split('/').pop() ?? '';
  if (last.endsWith('.sock')) return 'Socket';
  return /^[^.].*\.[A-Za-z0-9]+$/.test(last) ? 'File' : 'Directory';
}

/** The claim of a named volume: the engine's name as a DNS label, `<project>-<volume>` for the project's own. */
export function claimName(project: string, volume: Volume): string {
  return dnsLabel(engineVolumeName(project, volume));
}

/** Named volumes of these services, each as first mounted, in order of first use. */
export function namedVolumes(services: readonly Service[]): Volume[] {
  const first = new Map<string, Volume>();
  for (const volume of services.flatMap((s) => s.volumes)) if (volume.kind === 'named' && !first.has(volume.source)) first.set(volume.source, volume);
  return [...first.values()];
}

/** The claims the stack makes: one per named volume that is not external (an external one's claim exists already). */
export function ownedClaims(services: readonly Service[]): Volume[] {
  return namedVolumes(services).filter((v) => !v.declared?.external);
}

/** The claim of a named volume: ReadWriteOnce, the size and class `targets.k8s` gives (1Gi and the cluster's default class unless set). */
export function claimObjectOf(model: Model, volume: Volume): YamlMap {
  const { volumeSize, volumeSizes, storageClass } = model.settings.k8s;
  const spec: YamlMap = { accessModes: ['ReadWriteOnce'] };
  if (storageClass !== undefined) spec.storageClassName = storageClass;
  spec.resources = { requests: { storage: quantity(volumeSizes[volume.source] ?? volumeSize) } };
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claimName(model.project, volume), labels: projectLabels(model.project) }, spec };
}

/** External volumes are claims made outside the stack: the pods wait for them. */
export function externalClaimNotes(model: Model, services: readonly Service[]): string[] {
  const external = namedVolumes(services.flatMap((s) => [s, ...s.fallbacks.map((f) => f.service)])).filter((v) => v.declared?.external);
  if (external.length === 0) return [];
  const claims = external.map((v) => {
    const name = engineVolumeName(model.project, v);
    const claim = claimName(model.project, v);
    return claim === name ? claim : `${claim} (${name} as a DNS name)`;
  });
  return [`External volumes are PersistentVolumeClaims made outside the stack, which no file here creates: a pod that mounts one stays Pending until it exists in the namespace: ${claims.join(', ')}.`];
}

/** Bytes as a Kubernetes quantity in the largest binary unit that holds them exactly: 1073741824 → 1Gi. */
export function quantity(bytes: number): string {
  for (const [unit, size] of [['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}
