import type { Service } from '../../model/types.js';
import { dnsLabel, projectLabels } from './names.js';
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
      if (name !== volume.source) warn(scope, `names volume \`${volume.source}\` of \`${service.name}\` \`${name}\` (\`volumes\`): a volume name is a DNS label`, at, `volume ${volume.source} is named ${name} in the pod and ${claimName(ctx.model.project, volume.source)} as a claim.`);
      volumes.set(name, { name, persistentVolumeClaim: { claimName: claimName(ctx.model.project, volume.source) } });
    } else {
      name = `host-${++binds}`;
      volumes.set(name, bindVolume(scope, name, volume.source, at));
    }
    mounts.push(volume.readOnly ? { name, mountPath: volume.target, readOnly: true } : { name, mountPath: volume.target });
  });
  return { volumes: [...volumes.values()], mounts };
}

function bindVolume(scope: Scope, name: string, source: string, at: ReturnType<Scope['at']>): YamlMap {
  const service = scope.service.name;
  if (source.startsWith('/')) {
    warn(scope, `mounts ${source} of \`${service}\` from the node the pod runs on (hostPath, \`volumes\`): the folder must exist on every node`, at, `${service}: ${source} is a hostPath: it must exist on the node the pod runs on.`);
    return { name, hostPath: { path: source } };
  }
  warn(scope, `cannot mount the relative path ${source} of \`${service}\` (\`volumes\`): the pod gets an empty folder; use a PersistentVolumeClaim or a ConfigMap through native.k8s`, at, `${service}: ${source} is relative to the spec, which no node has: the pod gets an empty folder (emptyDir).`);
  return { name, emptyDir: {} };
}

export function claimName(project: string, volume: string): string {
  return dnsLabel(`${project}-${volume}`);
}

/** Named volumes of these services, in order of first use. */
export function namedVolumes(services: readonly Service[]): string[] {
  return [...new Set(services.flatMap((s) => s.volumes.filter((v) => v.kind === 'named').map((v) => v.source)))];
}

/** The claim of a named volume: 1Gi, ReadWriteOnce, the cluster's default storage class. */
export function claimObjectOf(project: string, volume: string): YamlMap {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: claimName(project, volume), labels: projectLabels(project) },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
}
