import { describe, expect, it } from 'vitest';
import { build, documents, examples, readExample, readFixture, type Built } from './support.js';

/**
 * What the Kubernetes documentation asks of pods like these, checked on every example and fixture:
 * probes of pods on the node's network name the loopback host (Configure Liveness, Readiness and
 * Startup Probes: "set host to 127.0.0.1" for hostNetwork pods), pods that talk over 127.0.0.1
 * share a node (Assigning Pods to Nodes: inter-pod affinity), claims ask for the size the spec
 * gives, hostPath volumes are checked by type (Volumes: hostPath), and the Pod Security level
 * that admits hostNetwork and hostPath is named (Pod Security Standards: baseline forbids both).
 */
type Obj = Record<string, any>;

const stacks: Array<[string, () => string]> = [
  ['fixture small.yaml', () => readFixture('small.yaml')],
  ['fixture full.yaml', () => readFixture('full.yaml')],
  ...examples().map((name): [string, () => string] => [`example ${name}`, () => readExample(name)]),
];

function baseObjects(built: Built): Obj[] {
  return [...built.files].filter(([path]) => path.startsWith('k8s/base/') && !path.endsWith('kustomization.yaml')).flatMap(([, text]) => documents(text) as Obj[]);
}

/** A Kubernetes quantity with a binary suffix (or none) in bytes. */
function bytesOf(quantity: string): number {
  const [, digits, unit] = /^([0-9]+)(Ki|Mi|Gi|Ti)?$/.exec(quantity) ?? [];
  if (digits === undefined) throw new Error(`not a binary quantity: ${quantity}`);
  return Number(digits) * 1024 ** ['', 'Ki', 'Mi', 'Gi', 'Ti'].indexOf(unit ?? '');
}

const workloads = (objects: Obj[]) => objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
const podOf = (workload: Obj): Obj => workload.spec.template.spec;
const probesOf = (pod: Obj): Obj[] => pod.containers.flatMap((c: Obj) => [c.readinessProbe, c.startupProbe, c.livenessProbe].filter(Boolean));

for (const [label, read] of stacks) {
  describe(`Kubernetes conformance: ${label}`, () => {
    const built = build(read());
    const objects = baseObjects(built);
    const onNode = workloads(objects).filter((w) => podOf(w).hostNetwork === true);

    it('probes a pod on the node network at the address it listens on', () => {
      for (const w of onNode) {
        for (const probe of probesOf(podOf(w))) {
          const handler = probe.httpGet ?? probe.tcpSocket;
          if (handler) expect(handler.host, `${w.metadata.name}`).toMatch(/^(127\.0\.0\.1|::1|[a-z0-9.-]+)$/);
        }
      }
    });

    it('restarts no pod on a failed check once it is up (no liveness probe, as on every other target)', () => {
      for (const w of workloads(objects)) expect(podOf(w).containers.map((c: Obj) => c.livenessProbe).filter(Boolean), w.metadata.name).toEqual([]);
    });

    it('keeps pods that reach each other on 127.0.0.1 on one node', () => {
      if (onNode.length < 2) return;
      for (const w of onNode) {
        const terms = podOf(w).affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution as Obj[] | undefined;
        expect(terms, w.metadata.name).toHaveLength(1);
        const [term] = terms!;
        expect(term!.topologyKey).toBe('kubernetes.io/hostname');
        // Every pod on the node network matches the term, its own pod included (so the first may start alone).
        for (const other of onNode) expect(other.spec.template.metadata.labels).toMatchObject(term!.labelSelector.matchLabels);
      }
    });

    it('waits for every dependency it can ask, and says why where it cannot', () => {
      for (const service of built.model.services.filter((s) => s.targets.includes('k8s'))) {
        const file = [...built.files].find(([path]) => path === `k8s/base/${service.name}.yaml`)?.[1] ?? '';
        const workload = workloads(documents(file) as Obj[])[0]!;
        const waits = new Set((podOf(workload).initContainers ?? []).map((c: Obj) => c.name));
        for (const dep of service.dependsOn) {
          const said = file.includes(`# NOTE: ${service.name}: starts without waiting for ${dep.name} (`);
          expect(waits.has(`wait-for-${dep.name}`) !== said, `${service.name} → ${dep.name}: one of wait or note`).toBe(true);
          const target = built.model.services.find((s) => s.name === dep.name)!;
          const check = target.health?.check;
          const loopbackHttpOrTcp = check !== undefined && (check.kind === 'tcp' || (check.kind === 'http' && /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(check.url) && check.status < 400));
          if (service.network === 'host' && target.network === 'host' && loopbackHttpOrTcp && dep.condition === 'healthy') expect(waits.has(`wait-for-${dep.name}`), `${service.name} → ${dep.name}`).toBe(true);
          // Any answer from a dependency with a health check means healthy: `started` must not wait for it.
          if (dep.condition === 'started' && target.health !== undefined) expect(waits.has(`wait-for-${dep.name}`), `${service.name} → ${dep.name} (started)`).toBe(false);
        }
      }
    });

    it('asks for the storage the spec gives each claim, and says when it is the default', () => {
      const { volumeSize, volumeSizes } = built.model.settings.k8s;
      const claims = objects.filter((o) => o.kind === 'PersistentVolumeClaim');
      const header = built.files.get('k8s/base/volumes.yaml') ?? '';
      for (const claim of claims) {
        const volume = claim.metadata.name.slice(built.model.project.length + 1);
        const bytes = volumeSizes[volume] ?? volumeSize;
        expect(bytesOf(claim.spec.resources.requests.storage), claim.metadata.name).toBe(bytes);
        if (volumeSizes[volume] === undefined) expect(header).toMatch(new RegExp(`# NOTE: .*${claim.metadata.name}.* ask`));
      }
    });

    it('checks every hostPath by type before it mounts it', () => {
      for (const w of workloads(objects)) {
        for (const volume of podOf(w).volumes ?? []) if (volume.hostPath) expect(['Directory', 'File', 'Socket', 'CharDevice'], `${w.metadata.name} ${volume.hostPath.path}`).toContain(volume.hostPath.type);
      }
    });

    it('names the Pod Security level that admits hostNetwork and hostPath pods', () => {
      const privileged = workloads(objects).some((w) => podOf(w).hostNetwork === true || (podOf(w).volumes ?? []).some((v: Obj) => v.hostPath));
      const namespace = objects.find((o) => o.kind === 'Namespace');
      const said = (built.files.get('k8s/kustomization.yaml') ?? '').includes('pod-security.kubernetes.io/enforce=privileged');
      if (!privileged) return expect(said).toBe(false);
      expect(said).toBe(true);
      if (namespace) expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    });
  });
}

describe('Kubernetes storage settings', () => {
  const spec = (targets: string) => `version: 1\nproject: p\nservices:\n  db:\n    image: postgres\n    volumes: [pgdata:/data, cache:/cache]\ntargets:\n  k8s:\n${targets}`;
  const claims = (built: Built) => (documents(built.files.get('k8s/base/volumes.yaml')!) as Obj[]).map((c) => [c.metadata.name, c.spec]);

  it('gives each claim its size, the default size, and the storage class', () => {
    expect(claims(build(spec('    volume_size: 512M\n    volume_sizes: {pgdata: 20G}\n    storage_class: fast-ssd\n')))).toEqual([
      ['p-pgdata', { accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '20Gi' } } }],
      ['p-cache', { accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '512Mi' } } }],
    ]);
  });

  it('writes a size in the largest binary unit that holds it exactly', () => {
    expect(claims(build(spec('    volume_size: "1536M"\n    volume_sizes: {pgdata: "1000"}\n')))).toEqual([
      ['p-pgdata', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1000' } } }],
      ['p-cache', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1536Mi' } } }],
    ]);
  });

  it('labels the namespace it writes with the Pod Security level hostNetwork pods need', () => {
    const built = build('version: 1\nproject: p\ndefaults: {network: host}\nservices:\n  a: {image: x}\ntargets:\n  k8s: {namespace: lab}\n');
    const [namespace] = documents(built.files.get('k8s/base/namespace.yaml')!) as Obj[];
    expect(namespace!.metadata.labels).toEqual({ 'app.kubernetes.io/part-of': 'p', 'app.kubernetes.io/managed-by': 'orchgen', 'pod-security.kubernetes.io/enforce': 'privileged' });
  });
});

describe('Kubernetes waits on the node network', () => {
  it('asks a dependency on the node network at 127.0.0.1 with its own check', () => {
    const built = build('version: 1\nproject: p\ndefaults: {network: host}\nservices:\n  db:\n    image: x\n    health: {tcp: "localhost:5432"}\n  api:\n    image: y\n    health: {http: "http://localhost:8000/ready"}\n    depends_on: [db]\n  web:\n    image: z\n    depends_on: {api: {condition: healthy, required: false}}\n');
    const init = (name: string) => ((documents(built.files.get(`k8s/base/${name}.yaml`)!) as Obj[])[0]!.spec.template.spec.initContainers as Obj[]).map((c) => c.command[2]);
    expect(init('api')).toEqual(['until nc -w 2 127.0.0.1 5432 </dev/null; do sleep 2; done']);
    expect(init('web')).toEqual(["timeout 24 sh -c 'until wget -q -T 2 -O /dev/null http://127.0.0.1:8000/ready; do sleep 2; done' || true"]);
    const api = (documents(built.files.get('k8s/base/api.yaml')!) as Obj[])[0]!.spec.template.spec.containers[0];
    expect(api.readinessProbe.httpGet).toEqual({ host: '127.0.0.1', path: '/ready', port: 8000 });
  });
});
