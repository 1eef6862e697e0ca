import { describe, expect, it } from 'vitest';
import { jsonPatch } from '../../../src/targets/k8s/patch.js';
import { yamlBlock } from '../../../src/targets/shared/yaml.js';
import { expand } from './expansion.js';
import { build, documents, readFixture } from './support.js';

type Obj = Record<string, any>;

/** The documents of one generated file, e.g. `base/web.yaml`. */
function docs(yaml: string, path: string): Obj[] {
  const text = build(yaml).files.get(`k8s/${path}`);
  if (text === undefined) throw new Error(`no k8s/${path}`);
  return documents(text) as Obj[];
}

const pod = (workload: Obj): Obj => workload.spec.template.spec;
const container = (workload: Obj): Obj => pod(workload).containers[0];
const full = readFixture('full.yaml');

function spec(services: string, extra = ''): string {
  return `version: 1\nproject: p\nservices:\n${services}${extra}`;
}

describe('env and command reach the process exactly', () => {
  const model = docs(full, 'base/model.yaml')[0]!;
  const defined = new Map<string, string>([['TZ', 'UTC'], ['HOME', '/root']]);

  it('gives every env value back byte for byte after the kubelet expands it', () => {
    const compiled = build(full).model.services.find((s) => s.name === 'model')!;
    const written = new Map((container(model).env as Obj[]).filter((e) => 'value' in e).map((e) => [e.name, e.value]));
    expect([...written.keys()]).toEqual(compiled.env.map(([key]) => key));
    for (const [key, value] of compiled.env) expect(expand(written.get(key), defined), key).toBe(value);
  });

  it('keeps the image entrypoint for exec form (args) and expands nothing in them', () => {
    const args = container(model).args as string[];
    expect(container(model).command).toBeUndefined();
    expect(args.map((a) => expand(a, defined))).toEqual(['serve', '--port', '9000', '--label=$HOME is ${HOME} or $(HOME)', '']);
  });

  it('runs shell form through /bin/sh -c as args, keeping the image entrypoint as docker run and Compose do', () => {
    const web = docs(readFixture('small.yaml'), 'base/web.yaml')[0]!;
    expect(container(web).args).toEqual(['/bin/sh', '-c', "nginx -g 'daemon off;'"]);
    expect(container(web).command).toBeUndefined();
  });

  it('takes env_required keys from the project Secret and env_file keys from required ConfigMaps', () => {
    expect((container(model).env as Obj[]).at(-1)).toEqual({ name: 'MODEL_TOKEN', valueFrom: { secretKeyRef: { name: 'lab-env', key: 'MODEL_TOKEN' } } });
    expect(container(model).envFrom).toEqual([{ configMapRef: { name: 'model-env-file-1' } }, { configMapRef: { name: 'model-env-file-2' } }]);
  });

  it('refuses a value no container can carry (E301 naming service, key and target)', () => {
    const built = build(spec('  a:\n    image: x\n    env:\n      BAD: "a\\0b"\n    command: [run, "\\uD800"]\n'));
    const errors = built.diagnostics.filter((d) => d.code === 'E301');
    expect(errors.map((d) => [d.path.join('.'), d.message])).toEqual([
      ['services.a.env.BAD', 'k8s cannot carry env `BAD` of `a` exactly: it contains a NUL character'],
      ['services.a.command.1', 'k8s cannot carry `command` of `a` exactly: it contains a lone UTF-16 surrogate'],
    ]);
  });

  it('does not hand the pod the Services as environment variables', () => {
    expect(pod(model).enableServiceLinks).toBe(false);
  });
});

describe('workloads', () => {
  it('runs a service others wait for with `completed` as a Job with backoffLimit from max_attempts', () => {
    const job = docs(full, 'base/migrate.yaml')[0]!;
    expect(job.kind).toBe('Job');
    expect(job.spec.backoffLimit).toBe(4);
    expect(pod(job).restartPolicy).toBe('OnFailure');
    const never = docs(spec('  a:\n    image: x\n    restart: "no"\n  b:\n    image: y\n    depends_on: { a: completed }\n'), 'base/a.yaml')[0]!;
    expect([never.spec.backoffLimit, pod(never).restartPolicy]).toEqual([0, 'Never']);
  });

  it('gives Deployments restartPolicy Always and warns what of `restart` is lost', () => {
    const built = build(spec('  a:\n    image: x\n    restart: { policy: on-failure, max_attempts: 2, delay: 5s }\n'));
    expect(pod(documents(built.files.get('k8s/base/a.yaml')!)[0] as Obj).restartPolicy).toBe('Always');
    expect(built.diagnostics.map((d) => d.message)).toEqual([
      'k8s cannot restart `a` on failure only (`restart: on-failure`): a Deployment restarts its pod after a clean exit too',
      'k8s cannot limit the restarts of `a` to 2 (`restart.max_attempts`): a Deployment restarts its pod without end',
      'k8s cannot set the restart delay or backoff of `a` (`restart`): the kubelet waits 10s, doubling up to 5m',
    ]);
  });

  it('maps resources, GPUs and the stop timeout', () => {
    const model = docs(full, 'base/model.yaml')[0]!;
    expect(container(model).resources).toEqual({ requests: { cpu: '1m', memory: '1000' }, limits: { cpu: '1m', memory: '1000', 'nvidia.com/gpu': 1 } });
    expect(pod(model).terminationGracePeriodSeconds).toBe(3);
    const vllm = docs(spec('  a:\n    image: x\n    gpu: { count: 2 }\n    resources: { memory: 48G, cpus: 1.5 }\n'), 'base/a.yaml')[0]!;
    expect(container(vllm).resources).toEqual({ requests: { cpu: '1500m', memory: '48Gi' }, limits: { cpu: '1500m', memory: '48Gi', 'nvidia.com/gpu': 2 } });
  });

  it('sends another stop signal from a preStop hook, and only then', () => {
    const db = docs(readFixture('small.yaml'), 'base/db.yaml')[0]!;
    expect(container(db).lifecycle.preStop.exec.command).toEqual(['/bin/sh', '-c', 'kill -INT 1 && while kill -0 1 2>/dev/null; do sleep 1; done']);
    expect(container(docs(readFixture('small.yaml'), 'base/web.yaml')[0]!).lifecycle).toBeUndefined();
  });

  it('puts a service with `network: host` on its node\'s network and warns for `none`', () => {
    const built = build(spec('  a:\n    image: x\n    network: host\n  b:\n    image: y\n    network: none\n'));
    const a = pod(documents(built.files.get('k8s/base/a.yaml')!)[0] as Obj);
    expect([a.hostNetwork, a.dnsPolicy]).toEqual([true, 'ClusterFirstWithHostNet']);
    expect(pod(documents(built.files.get('k8s/base/b.yaml')!)[0] as Obj).hostNetwork).toBeUndefined();
    expect(built.diagnostics.filter((d) => d.path.join('.') === 'services.b.network').map((d) => d.code)).toEqual(['W103']);
  });

  it('merges native.k8s into the pod spec: maps by key, named items by name', () => {
    const model = docs(full, 'base/model.yaml')[0]!;
    expect(pod(model).nodeSelector).toEqual({ gpu: 'true' });
    expect(pod(model).containers).toHaveLength(1);
    expect(container(model).imagePullPolicy).toBe('Always');
    expect(container(model).image).toBe('lab/model:2');
  });

  it('mounts named volumes from claims, host paths as hostPath, relative paths as emptyDir', () => {
    const model = docs(full, 'base/model.yaml')[0]!;
    expect(pod(model).volumes).toEqual([
      { name: 'weights', persistentVolumeClaim: { claimName: 'lab-weights' } },
      { name: 'host-1', emptyDir: {} },
      { name: 'host-2', hostPath: { path: '/srv/shared', type: 'Directory' } },
    ]);
    expect(container(model).volumeMounts[0]).toEqual({ name: 'weights', mountPath: '/weights', readOnly: true });
    expect(docs(full, 'base/volumes.yaml').map((v) => [v.metadata.name, v.spec])).toEqual([['lab-weights', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }]]);
  });
});

describe('health', () => {
  it('probes a published loopback port at its container port, with a startup probe for start_period', () => {
    const web = container(docs(readFixture('small.yaml'), 'base/web.yaml')[0]!);
    expect(web.readinessProbe).toEqual({ httpGet: { path: '/health', port: 80 }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 });
    expect(web.livenessProbe).toBeUndefined();
    expect(web.startupProbe).toEqual({ ...web.readinessProbe, failureThreshold: 5 });
    const db = container(docs(readFixture('small.yaml'), 'base/db.yaml')[0]!);
    expect(db.readinessProbe.tcpSocket).toEqual({ port: 5432 });
    expect(db.startupProbe).toBeUndefined();
  });

  it('runs the startup probe every `start_interval` for as long as the others wait: the start period, then `retries` intervals', () => {
    const probes = (health: string) => container(docs(spec(`  a:\n    image: x\n    health: { tcp: "db.internal:5432", ${health} }\n`), 'base/a.yaml')[0]!);
    const fast = probes('interval: 10s, retries: 3, start_period: 1m, start_interval: 2s');
    expect(fast.readinessProbe).toMatchObject({ periodSeconds: 10, failureThreshold: 3 });
    expect(fast.startupProbe).toMatchObject({ periodSeconds: 2, timeoutSeconds: 3, failureThreshold: 30 + 15 });
    const plain = probes('interval: 10s, retries: 3, start_period: 1m');
    expect(plain.startupProbe).toMatchObject({ periodSeconds: 10, failureThreshold: 6 + 3 });
    // no start period, no startup probe: the start interval has nothing to pace
    expect(probes('interval: 10s, start_interval: 2s').startupProbe).toBeUndefined();
  });

  it('rounds a start interval of part of a second up, with a warning', () => {
    const built = build(spec('  a:\n    image: x\n    health: { tcp: "db.internal:5432", interval: 2s, retries: 2, start_period: 3s, start_interval: 500ms }\n'));
    const probe = container(documents(built.files.get('k8s/base/a.yaml')!)[0] as Obj).startupProbe;
    expect(probe).toMatchObject({ periodSeconds: 1, failureThreshold: 3 + 4 });
    expect(built.diagnostics.filter((d) => d.path.join('.') === 'services.a.health.start_interval').map((d) => [d.code, d.message])).toEqual([
      ['W103', 'k8s probes of `a` count whole seconds: `health.start_interval` 500ms becomes 1s'],
    ]);
  });

  it('keeps https, query strings and hosts other than the loopback', () => {
    const api = container(docs(full, 'base/api.yaml')[0]!);
    expect(api.readinessProbe.httpGet).toEqual({ path: '/health', port: 8080, scheme: 'HTTPS' });
    const ipv6 = container(docs(spec('  a:\n    image: x\n    health: { http: "http://[::1]:81?q=1#top" }\n'), 'base/a.yaml')[0]!);
    expect(ipv6.readinessProbe.httpGet).toEqual({ path: '/?q=1', port: 81 });
    const other = container(docs(spec('  a:\n    image: x\n    health: { tcp: "db.internal:5432" }\n'), 'base/a.yaml')[0]!);
    expect(other.readinessProbe.tcpSocket).toEqual({ host: 'db.internal', port: 5432 });
  });

  it('runs an http check the kubelet cannot make (status 401) with curl or wget in the container', () => {
    const model = container(docs(full, 'base/model.yaml')[0]!);
    const script = expand(model.readinessProbe.exec.command[2], new Map());
    expect(script).toContain(`[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 'http://127.0.0.1:9000/ready?full=1')" = 401 ]`);
  });

  it('runs exec checks as written, shell form through /bin/sh -c', () => {
    const cache = container(docs(full, 'base/cache.yaml')[0]!);
    expect(cache.readinessProbe.exec.command).toEqual(['/bin/sh', '-c', 'redis-cli ping | grep -q PONG']);
    expect([cache.readinessProbe.periodSeconds, cache.readinessProbe.timeoutSeconds]).toEqual([2, 1]);
  });
});

describe('dependencies', () => {
  const api = docs(full, 'base/api.yaml')[0]!;

  it('waits for each dependency at its Service, an optional one only as long as it may take', () => {
    expect(pod(api).initContainers).toEqual([
      { name: 'wait-for-cache', image: 'busybox:1.36', command: ['/bin/sh', '-c', 'until nc -w 2 cache 6379 </dev/null; do sleep 2; done'] },
      { name: 'wait-for-model', image: 'busybox:1.36', command: ['/bin/sh', '-c', "timeout 144 sh -c 'until nc -w 2 model 9000 </dev/null; do sleep 2; done' || true"] },
    ]);
  });

  it('asks an http dependency its own health path at the Service port', () => {
    const yaml = spec('  api:\n    image: x\n    ports: ["8000:80"]\n    health: { http: "http://127.0.0.1:8000/ready" }\n  web:\n    image: y\n    depends_on: [api]\n');
    expect(pod(docs(yaml, 'base/web.yaml')[0]!).initContainers[0].command[2]).toBe('until wget -q -O /dev/null http://api:8000/ready; do sleep 2; done');
  });

  it('warns for what cannot be waited for: a Job completing, a service without a Service', () => {
    const built = build(spec('  a:\n    image: x\n  b:\n    image: y\n    depends_on: [a]\n'));
    expect(pod(documents(built.files.get('k8s/base/b.yaml')!)[0] as Obj).initContainers).toBeUndefined();
    expect(built.diagnostics.find((d) => d.path.join('.') === 'services.b.depends_on.a')?.message).toBe(
      'k8s cannot make `b` wait for `a` (`depends_on`): `a` publishes no TCP port, so it has no Service to ask',
    );
    expect(build(full).diagnostics.find((d) => d.path.join('.') === 'services.api.depends_on.migrate')?.message).toContain('RBAC');
  });

  it('says each cause once for the whole stack, naming the services, where the first of them is', () => {
    const services = [
      '  a:\n    image: x\n    restart: "no"\n    volumes: [./conf:/conf]',
      '  b:\n    image: x\n    restart: "no"\n    volumes: [./conf:/conf, ./data:/data]',
      '  c:\n    image: y\n    depends_on: [a, b]',
      '  d:\n    image: y\n    depends_on: [a]',
    ];
    const built = build(spec(`${services.join('\n')}\n`));
    const k8s = built.diagnostics.filter((d) => d.message.startsWith('k8s '));
    expect(k8s.map((d) => [d.path.join('.'), d.message])).toEqual([
      ['services.a.restart', 'k8s cannot leave 2 services stopped after they exit (`restart: no`): `a`, `b`; a Deployment always restarts its pod'],
      ['services.a.volumes.0', 'k8s cannot mount relative paths (`volumes`): `./conf` (in `a`, `b`), `./data` (in `b`); the pods get empty folders; use a PersistentVolumeClaim or a ConfigMap through native.k8s'],
      ['services.c.restart', 'k8s cannot restart 2 services on failure only (`restart: on-failure`): `c`, `d`; a Deployment restarts its pod after a clean exit too'],
      ['services.c.depends_on.a', 'k8s cannot make services wait for a dependency that publishes no TCP port, as it has no Service to ask (`depends_on`): `a` (for `c`, `d`), `b` (for `c`); they start without waiting'],
    ]);
    // each manifest's header still says what concerns it
    expect(built.files.get('k8s/base/d.yaml')).toContain('d: starts without waiting for a (it has no Service to ask).');
  });
});

describe('services and the kustomization', () => {
  it('publishes host ports as a ClusterIP Service forwarding to the container ports', () => {
    const [, service] = docs(full, 'base/cache.yaml');
    expect(service!.spec).toEqual({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'cache', 'app.kubernetes.io/part-of': 'lab' },
      ports: [
        { name: 'tcp-6379', port: 6379, targetPort: 6379, protocol: 'TCP' },
        { name: 'udp-9121', port: 9121, targetPort: 9121, protocol: 'UDP' },
      ],
    });
  });

  it('lists resources in declaration order with the namespace', () => {
    expect(docs(full, 'base/kustomization.yaml')[0]).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'lab-prod',
      resources: ['namespace.yaml', 'volumes.yaml', 'migrate.yaml', 'cache.yaml', 'model.yaml', 'api.yaml'],
    });
    expect(docs(full, 'kustomization.yaml')[0]!.resources).toEqual(['base']);
  });

  it('gives a service named like a shared file a file of its own', () => {
    const files = [...build(spec('  volumes:\n    image: x\n    volumes: ["v:/v"]\n')).files.keys()];
    expect(files.filter((f) => f.startsWith('k8s/base/'))).toEqual(['k8s/base/kustomization.yaml', 'k8s/base/volumes.service.yaml', 'k8s/base/volumes.yaml']);
  });
});

describe('fallbacks', () => {
  it('patches only what the variant changes, deletes a Service it drops and adds claims it needs', () => {
    const built = build(full);
    expect(documents(built.files.get('k8s/fallbacks/model-cpu/kustomization.yaml')!)[0]).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'lab-prod',
      resources: ['../../base', 'volumes.yaml'],
      patches: [{ path: 'deployment.yaml', target: { kind: 'Deployment', name: 'model' } }, { path: 'service.yaml' }],
    });
    expect(documents(built.files.get('k8s/fallbacks/model-cpu/service.yaml')!)[0]).toEqual({ $patch: 'delete', apiVersion: 'v1', kind: 'Service', metadata: { name: 'model' } });
    const ops = documents(built.files.get('k8s/fallbacks/model-cpu/deployment.yaml')!)[0] as Obj[];
    expect(ops.find((op) => op.path.endsWith('nvidia.com~1gpu'))).toEqual({ op: 'replace', path: '/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu', value: 2 });
    expect(ops.find((op) => op.path.includes('/env/'))).toEqual({ op: 'add', path: '/spec/template/spec/containers/0/env/12', value: { name: 'DEVICE', value: 'cpu' } });
  });

  it('points the variant warnings at the fallback', () => {
    const paths = build(full).diagnostics.map((d) => d.path.join('.'));
    expect(paths).toContain('services.model.fallbacks.0.set.gpu');
    expect(paths).toContain('services.model.fallbacks.0');
    expect(paths.filter((p) => p === 'services.model.gpu')).toHaveLength(1);
  });
});

describe('JSON patch', () => {
  it('changes named list items in place, inserts new ones, and replaces a reordered list', () => {
    const base = { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }] };
    expect(jsonPatch(base, { env: [{ name: 'A', value: '1' }, { name: 'X', value: '9' }, { name: 'C', value: '4' }] })).toEqual([
      { op: 'remove', path: '/env/1' },
      { op: 'add', path: '/env/1', value: { name: 'X', value: '9' } },
      { op: 'replace', path: '/env/2/value', value: '4' },
    ]);
    const reordered = { env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] };
    expect(jsonPatch(base, reordered)).toEqual([{ op: 'replace', path: '/env', value: reordered.env }]);
    expect(jsonPatch({ 'a/b~c': 1 }, {})).toEqual([{ op: 'remove', path: '/a~1b~0c' }]);
  });
});

describe('YAML writer', () => {
  it('quotes every string and any key YAML could read as something else', () => {
    expect(yamlBlock({ yes: 'no', 'nvidia.com/gpu': 1, $patch: 'delete', list: ['a\nb', '', { x: [] }], empty: {} })).toBe(
      '"yes": "no"\nnvidia.com/gpu: 1\n"$patch": "delete"\nlist:\n  - "a\\nb"\n  - ""\n  - x: []\nempty: {}\n',
    );
  });
});
