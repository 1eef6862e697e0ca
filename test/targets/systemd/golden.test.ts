import { describe, expect, it } from 'vitest';
import { compileText } from '../../../src/pipeline/compile.js';
import { renderTargets } from '../../../src/pipeline/render.js';
import { readinessWait } from '../../../src/targets/shared/probe.js';
import { artifact, renderSpec } from './support.js';
import { multiServiceSpec } from './fixtures.js';

const blogSpec = `
version: 1
project: blog
services:
  db:
    image: postgres:16
    env: { POSTGRES_PASSWORD: "100% \\"secret\\" $x" }
    volumes: ["pgdata:/var/lib/postgresql/data"]
  web:
    description: Blog web app
    command: [/usr/bin/python3, -m, http.server, "8080"]
    user: www-data
    env: { MESSAGE: "line 1\\nline 2" }
    depends_on: [db]
    restart: { policy: always, delay: 3s, max_attempts: 2 }
    stop: { signal: SIGINT, timeout: 20s }
    resources: { memory: 256M, cpus: 1.5 }
`;

const blogDb = `[Unit]
Description=blog db
PartOf=blog.target
After=docker.service
Requires=docker.service
After=blog-image-postgres-16.service
Requires=blog-image-postgres-16.service
After=blog-network.service
Requires=blog-network.service
StartLimitIntervalSec=0

[Service]
Type=exec
SyslogIdentifier=db
Environment="POSTGRES_PASSWORD=100%% \\"secret\\" $x"
ExecStartPre=-/usr/bin/docker rm -f blog-db
ExecStart=/usr/bin/docker run --rm --name blog-db --network blog_default --network-alias db -e POSTGRES_PASSWORD -v blog_pgdata:/var/lib/postgresql/data --stop-signal SIGTERM --stop-timeout 10 postgres:16
ExecStop=-/usr/bin/docker stop -t 10 blog-db
ExecStopPost=-/usr/bin/docker rm -f blog-db
KillSignal=SIGTERM
SuccessExitStatus=143
RestartForceExitStatus=143
TimeoutStopSec=15s
Restart=on-failure
RestartSec=1s

[Install]
WantedBy=blog.target
`;

const blogWeb = `[Unit]
Description=Blog web app
PartOf=blog.target
After=blog-db.service
Wants=blog-db.service
StartLimitIntervalSec=39s
StartLimitBurst=3

[Service]
Type=exec
SyslogIdentifier=web
ExecCondition=+/bin/sh -c "exec systemctl $\${MANAGERPID:+--user} is-active --quiet \\"$$1\\"" _ blog-db.service
User=www-data
Environment="MESSAGE=line 1\\nline 2"
ExecStart=/usr/bin/python3 -m http.server 8080
KillSignal=SIGINT
TimeoutStopSec=20s
Restart=always
RestartSec=3s
MemoryMax=268435456
CPUQuota=150%

[Install]
WantedBy=blog.target
`;

const blogImage = `[Unit]
Description=blog: image postgres:16
PartOf=blog.target
After=network-online.target
After=docker.service
Wants=network-online.target
Requires=docker.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c "/usr/bin/docker image inspect \\"$$1\\" >/dev/null 2>&1 || exec /usr/bin/docker pull \\"$$1\\"" _ postgres:16
TimeoutStartSec=1h
`;

const blogNetwork = `[Unit]
Description=blog: network blog_default
PartOf=blog.target
After=docker.service
Requires=docker.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c "network=$$1; shift; /usr/bin/docker network inspect \\"$$network\\" >/dev/null 2>&1 || exec /usr/bin/docker network create \\"$$@\\" \\"$$network\\"" _ blog_default --label com.docker.compose.network=default --label com.docker.compose.project=blog
ExecStop=-/usr/bin/docker network rm blog_default
`;

const blogTarget = `[Unit]
Description=blog stack
Wants=blog-db.service
Wants=blog-web.service

[Install]
WantedBy=multi-user.target
`;

describe('systemd units, exactly', () => {
  it('a container and a process service and the stack target', () => {
    const rendered = renderSpec(blogSpec);
    expect(rendered.artifacts).toEqual([
      { path: 'blog-db.service', content: blogDb, notes: [] },
      { path: 'blog-web.service', content: blogWeb, notes: [] },
      { path: 'blog-image-postgres-16.service', content: blogImage, notes: ['pulls postgres:16 when the host does not have it, before the services that run it start; the pull may take up to 1h (TimeoutStartSec=)'] },
      {
        path: 'blog-network.service',
        content: blogNetwork,
        notes: [
          "creates the network blog_default (Compose's labels, so `docker compose` of the same project takes it as its own) before the containers on it start; they reach each other by service name",
          'removes the network when the stack stops',
        ],
      },
      { path: 'blog.target', content: blogTarget, notes: ['`systemctl enable --now blog.target` starts the stack now and at every boot'] },
    ]);
    expect(rendered.diagnostics).toEqual([]);
  });

  it('is deterministic and goes under systemd/ through renderTargets', () => {
    const compiled = compileText('orchgen.yaml', multiServiceSpec, ['systemd']);
    const build = () => renderTargets({ model: compiled.model!, plan: compiled.plan! }, ['systemd'], { specFile: 'orchgen.yaml', outDir: 'out' });
    const first = build();
    expect(build()).toEqual(first);
    expect(first.artifacts.map((a) => a.path)).toEqual([
      'systemd/shop-db.service',
      'systemd/shop-migrate.service',
      'systemd/shop-cache.service',
      'systemd/shop-api.service',
      'systemd/shop-worker.service',
      'systemd/shop-image-postgres-16.service',
      'systemd/shop-image-shop-worker-1.service',
      'systemd/shop-network.service',
      'systemd/shop.target',
      'systemd/fallbacks/api/cpu.conf',
      'systemd/fallbacks/api/slim.conf',
      'systemd/fallbacks/worker/cpu.conf',
    ]);
  });
});

describe('dependencies and health', () => {
  const rendered = renderSpec(multiServiceSpec);
  const api = artifact(rendered, 'shop-api.service');

  it('orders after every dependency and wants each; a required one must be active when the unit starts', () => {
    expect(api).toContain(
      'After=shop-migrate.service\nAfter=shop-db.service\nAfter=shop-cache.service\nWants=shop-migrate.service\nWants=shop-db.service\nWants=shop-cache.service\n',
    );
    expect(api).not.toContain('Requires=');
    const guard = (unit: string) => `ExecCondition=+/bin/sh -c "exec systemctl $\${MANAGERPID:+--user} is-active --quiet \\"$$1\\"" _ ${unit}\n`;
    expect(api).toContain(`SyslogIdentifier=api\n${guard('shop-migrate.service')}${guard('shop-db.service')}User=www-data\n`);
  });

  it('a container requires the engine and the unit that pulls its image, one per image', () => {
    const worker = artifact(rendered, 'shop-worker.service');
    expect(worker).toContain('After=docker.service\nAfter=shop-db.service\nRequires=docker.service\nWants=shop-db.service\nAfter=shop-image-shop-worker-1.service\nRequires=shop-image-shop-worker-1.service\nAfter=shop-network.service\nRequires=shop-network.service\n');
    const shared = renderSpec('version: 1\nproject: p\nservices:\n  a:\n    image: busybox:1.36\n  b:\n    image: busybox:1.36\n  image-busybox-1-36:\n    image: BusyBox:1.36\n');
    expect(shared.artifacts.map((a) => a.path)).toEqual([
      'p-a.service', 'p-b.service', 'p-image-busybox-1-36.service', 'p-image-busybox-1-36-2.service', 'p-image-busybox-1-36-3.service', 'p-network.service', 'p.target',
    ]);
    expect(artifact(shared, 'p-b.service')).toContain('Requires=p-image-busybox-1-36-2.service\n');
    expect(artifact(shared, 'p-image-busybox-1-36.service')).toContain('Requires=p-image-busybox-1-36-3.service\n');
  });

  it('a service others wait to complete is a oneshot that remains active', () => {
    expect(artifact(rendered, 'shop-migrate.service')).toContain('[Service]\nType=oneshot\nRemainAfterExit=yes\n');
    expect(artifact(rendered, 'shop-db.service')).toContain('[Service]\nType=exec\n');
  });

  it('a health check holds the unit in activating: the readiness wait, bounded by start period, interval and retries', () => {
    const health = rendered.model.services.find((s) => s.name === 'api')!.health!;
    // start_period 3s + 3 retries × (5s interval + 3s timeout) = 27s, plus 5s to start.
    // Each probe is bounded by the check's timeout: busybox's wget has no -T.
    expect(api).toContain(`ExecStartPost=/bin/sh -c "until timeout 3 sh -c 'if command -v curl >/dev/null 2>&1; then`);
    expect(api).toContain(`ExecStartPost=/bin/sh -c "${readinessWait(health, 'MAINPID').replace(/\\/g, '\\\\').replace(/\$/g, '$$$$').replace(/%/g, '%%').replace(/"/g, '\\"')}"\nTimeoutStartSec=32s\n`);
  });

  it("an exec check of a container runs inside the container", () => {
    expect(artifact(rendered, 'shop-db.service')).toContain("ExecStartPost=/bin/sh -c \"until timeout 3 /usr/bin/docker exec shop-db /bin/sh -c 'pg_isready -U postgres'; do kill -0 \\\"$$MAINPID\\\" 2>/dev/null || exit 1; sleep 0.25; done\"\n");
  });

  it('the target wants the essential units and is wanted by the configured target; the header says how to add an optional one', () => {
    expect(artifact(rendered, 'shop.target')).toBe(
      '[Unit]\nDescription=shop stack\nWants=shop-db.service\nWants=shop-migrate.service\nWants=shop-api.service\nWants=shop-worker.service\n\n[Install]\nWantedBy=default.target\n',
    );
    expect(rendered.artifacts.find((a) => a.path === 'shop.target')!.notes).toEqual([
      '`systemctl enable --now shop.target` starts the stack now and at every boot',
      'optional services start with it only once enabled: systemctl enable shop-cache.service',
    ]);
    expect(artifact(rendered, 'shop-cache.service')).toContain('[Install]\nWantedBy=shop.target\n');
  });
});

describe('containers', () => {
  const rendered = renderSpec(multiServiceSpec);
  const db = artifact(rendered, 'shop-db.service');
  const worker = artifact(rendered, 'shop-worker.service');

  it('run in the foreground with ports, volumes, limits and the stop signal; values only by name', () => {
    expect(db).toContain(
      'ExecStart=/usr/bin/docker run --rm --name shop-db --network shop_default --network-alias db -e POSTGRES_PASSWORD -p 127.0.0.1:5432:5432 -p "[::1]:5433:5432/udp" -v shop_pgdata:/var/lib/postgresql/data -v /etc/shop/pg.conf:/etc/postgresql.conf:ro --memory 536870912 --cpus 1.5 --stop-signal SIGINT --stop-timeout 2 postgres:16\n',
    );
    expect(db).toContain('Environment="POSTGRES_PASSWORD=s3cret %%h $HOME \\"q\\""\n');
  });

  it('clear a leftover container first and stop through the engine; the signal exit is a clean end', () => {
    expect(db).toContain('ExecStartPre=-/usr/bin/docker rm -f shop-db\n');
    expect(db).toContain(
      'ExecStop=-/usr/bin/docker stop -t 2 shop-db\nExecStopPost=-/usr/bin/docker rm -f shop-db\nKillSignal=SIGINT\nSuccessExitStatus=130\nRestartForceExitStatus=130\nTimeoutStopSec=7s\n',
    );
  });

  it('get GPUs, user, workdir and env files as engine flags', () => {
    expect(worker).toContain(
      'ExecStart=/usr/bin/docker run --rm --name shop-worker --network shop_default --network-alias worker --user 1000 --workdir /app --env-file /etc/shop/worker.env --gpus count=2,capabilities=utility --stop-signal SIGTERM --stop-timeout 10 shop/worker:1 work --queue "jobs;urgent" \\;\n',
    );
    expect(worker).not.toContain('User=');
  });

  it('use podman when the settings say so', () => {
    const podman = renderSpec(multiServiceSpec.replace('wanted_by: default.target', 'engine: podman'));
    const unit = artifact(podman, 'shop-db.service');
    expect(unit).toContain('ExecStartPre=-/usr/bin/podman rm -f shop-db\nExecStart=/usr/bin/podman run --rm --name shop-db ');
    expect(unit).toContain('ExecStop=-/usr/bin/podman stop -t 2 shop-db\n');
    expect(unit).not.toContain('docker');
  });

  it('podman gets GPUs as CDI devices; a count becomes the first N indices, with W103', () => {
    const gpus = (gpu: string) => renderSpec(`version: 1\nproject: p\nservices:\n  m:\n    image: m:1\n    gpu: ${gpu}\ntargets:\n  systemd: { engine: podman }\n`);
    const two = gpus('{ count: 2 }');
    expect(artifact(two, 'p-m.service')).toContain(' --device nvidia.com/gpu=0 --device nvidia.com/gpu=1 --stop-signal ');
    expect(artifact(two, 'p-m.service')).not.toContain('--gpus');
    expect(two.diagnostics).toEqual([
      expect.objectContaining({ code: 'W103', path: ['services', 'm', 'gpu', 'count'], message: 'service "m": podman names GPUs as CDI devices, never a count: the unit asks for nvidia.com/gpu=0, nvidia.com/gpu=1, the first 2' }),
    ]);
    expect(artifact(gpus('{ count: all }'), 'p-m.service')).toContain(' --device nvidia.com/gpu=all --stop-signal ');
    const ids = gpus('{ device_ids: ["0", "2"] }');
    expect(artifact(ids, 'p-m.service')).toContain(' --device nvidia.com/gpu=0 --device nvidia.com/gpu=2 --stop-signal ');
    expect(ids.diagnostics).toEqual([]);
  });

  it('device ids go to --gpus as one quoted CSV field', () => {
    const rendered = renderSpec('version: 1\nproject: p\nservices:\n  m:\n    image: m:1\n    gpu: { device_ids: ["0", "2"] }\n');
    expect(artifact(rendered, 'p-m.service')).toContain(' --gpus "\\"device=0,2\\"" ');
  });
});

describe('processes', () => {
  const rendered = renderSpec(multiServiceSpec);
  const api = artifact(rendered, 'shop-api.service');

  it('get CUDA_VISIBLE_DEVICES from their GPUs, user, workdir, env files and required keys', () => {
    expect(api).toContain(
      [
        'User=www-data',
        'WorkingDirectory=/srv/shop',
        'Environment="GREETING=hello; world # not a comment"',
        'Environment="EMPTY="',
        'Environment="CUDA_VISIBLE_DEVICES=0,1"',
        'Environment=EXTRA=native',
        'EnvironmentFile=/etc/shop/api.env',
        'EnvironmentFile=-/etc/orchgen/shop/env_required.env',
        'ExecStartPre=/bin/sh -c ": \\"$${API_TOKEN?is required and not set (add it to /etc/orchgen/shop/env_required.env)}\\""',
        'ExecStart=/usr/bin/python3 -m http.server 8090 --bind 127.0.0.1',
      ].join('\n'),
    );
    const notes = rendered.artifacts.find((a) => a.path === 'shop-api.service')!.notes;
    expect(notes).toContain('variables from EnvironmentFile= override those of Environment= (systemd reads the files last)');
    expect(notes).toContain(
      'env_required API_TOKEN: KEY="value" lines in /etc/orchgen/shop/env_required.env (mode 0600), which `orchgen up` writes from its own environment; the start fails naming any key still unset',
    );
  });

  it('a count of GPUs is 0..N-1; all GPUs set nothing; an explicit CUDA_VISIBLE_DEVICES wins', () => {
    const unit = (gpu: string, env = '') =>
      artifact(renderSpec(`version: 1\nproject: p\nservices:\n  m:\n    command: [/bin/true]\n    gpu: ${gpu}\n${env}`), 'p-m.service');
    expect(unit('{ count: 3 }')).toContain('Environment="CUDA_VISIBLE_DEVICES=0,1,2"\n');
    expect(unit('{ count: all }')).not.toContain('CUDA_VISIBLE_DEVICES');
    const own = unit('{ count: 3 }', '    env: { CUDA_VISIBLE_DEVICES: "7" }\n');
    expect(own).toContain('Environment="CUDA_VISIBLE_DEVICES=7"\n');
    expect(own).not.toContain('0,1,2');
  });

  it('a shell command runs through /bin/sh -c', () => {
    expect(artifact(rendered, 'shop-cache.service')).toContain('ExecStart=/bin/sh -c "exec /usr/bin/python3 -m http.server 8091 --bind 127.0.0.1"\n');
  });

  it('cpus become a CPU quota in percent', () => {
    expect(api).toContain('MemoryMax=1073741824\nCPUQuota=50%\n');
  });
});

describe('restart', () => {
  const unit = (restart: string, extra = '') =>
    renderSpec(`version: 1\nproject: p\nservices:\n  s:\n    command: [/bin/true]\n    restart: ${restart}\n${extra}`);

  it('policy, delay and a start limit in [Unit] that lets max_attempts restarts happen', () => {
    const rendered = unit('{ policy: on-failure, delay: 1500ms, max_attempts: 3 }');
    const text = artifact(rendered, 'p-s.service');
    // 4 starts, each within 2s delay + 10s.
    expect(text).toContain('[Unit]\nDescription=p s\nPartOf=p.target\nStartLimitIntervalSec=48s\nStartLimitBurst=4\n');
    expect(text).toContain('Restart=on-failure\nRestartSec=1500ms\n');
  });

  it('unlimited attempts turn the start limit off; "no" restarts never', () => {
    expect(artifact(unit('always'), 'p-s.service')).toContain('StartLimitIntervalSec=0\n');
    const never = artifact(unit('"no"'), 'p-s.service');
    expect(never).toContain('Restart=no\n');
    expect(never).not.toMatch(/RestartSec|StartLimit/);
  });

  it('exponential backoff: W103 and a header note, fixed RestartSec=', () => {
    const rendered = unit('{ policy: always, delay: 2s, backoff: exponential, max_delay: 1m }');
    expect(artifact(rendered, 'p-s.service')).toContain('RestartSec=2s\n');
    expect(artifact(rendered, 'p-s.service')).not.toContain('RestartSteps');
    expect(rendered.diagnostics).toEqual([
      expect.objectContaining({ code: 'W103', path: ['services', 's', 'restart', 'backoff'], message: expect.stringContaining('exponential') }),
    ]);
    expect(rendered.artifacts[0]!.notes).toEqual(['restart backoff is exponential in the spec; systemd 252 restarts at a fixed RestartSec=2s']);
  });

  it('a oneshot cannot restart always: on-failure and W103', () => {
    const rendered = unit('always', '  t:\n    command: [/bin/true]\n    depends_on: { s: completed }\n');
    expect(artifact(rendered, 'p-s.service')).toContain('Restart=on-failure\n');
    expect(rendered.diagnostics).toEqual([expect.objectContaining({ code: 'W103', path: ['services', 's', 'restart'] })]);
  });
});

describe('native.systemd', () => {
  const api = artifact(renderSpec(multiServiceSpec), 'shop-api.service');

  it('adds keys, repeats accumulating ones after the generated lines', () => {
    expect(api).toContain('StartLimitBurst=5\nDocumentation=https://example.com/shop\n\n[Service]');
    expect(api).toContain('Environment="CUDA_VISIBLE_DEVICES=0,1"\nEnvironment=EXTRA=native\nEnvironmentFile=');
    expect(api).toContain('CPUQuota=50%\nLimitNOFILE=65536\nNice=5\n\n[Install]');
  });

  it('overrides a generated key in place', () => {
    const rendered = renderSpec(
      'version: 1\nproject: p\nservices:\n  s:\n    command: [/bin/true]\n    native:\n      systemd:\n        Service: { Type: notify, Restart: [always] }\n        Install: { WantedBy: [multi-user.target] }\n',
    );
    const text = artifact(rendered, 'p-s.service');
    expect(text).toContain('[Service]\nType=notify\nSyslogIdentifier=s\nExecStart=/bin/true\n');
    expect(text).toContain('Restart=always\nRestartSec=1s\n');
    expect(text).toContain('[Install]\nWantedBy=p.target\nWantedBy=multi-user.target\n');
  });
});

describe('fallbacks as drop-ins', () => {
  const rendered = renderSpec(multiServiceSpec);

  it('only what the variant changes, reset first where systemd accumulates', () => {
    expect(artifact(rendered, 'fallbacks/api/slim.conf')).toBe(
      '[Service]\nExecStart=\nExecStart=/bin/sh -c "exec /usr/bin/python3 -m http.server 8090"\nMemoryMax=268435456\nCPUQuota=\n',
    );
    // count: all drops CUDA_VISIBLE_DEVICES, so the environment is set again from scratch.
    expect(artifact(rendered, 'fallbacks/api/cpu.conf')).toBe(
      '[Service]\nEnvironment=\nEnvironment="GREETING=hello; world # not a comment"\nEnvironment="EMPTY="\nEnvironment="DEVICE=cpu"\nEnvironment=EXTRA=native\n',
    );
  });

  it('a container whose env or GPUs change gets the new value and the new ExecStart', () => {
    expect(artifact(rendered, 'fallbacks/worker/cpu.conf')).toBe(
      '[Service]\nEnvironment="DEVICE=cpu"\nExecStart=\nExecStart=/usr/bin/docker run --rm --name shop-worker --network shop_default --network-alias worker --user 1000 --workdir /app --env-file /etc/shop/worker.env -e DEVICE --gpus count=1 --stop-signal SIGTERM --stop-timeout 10 shop/worker:1 work --queue "jobs;urgent" \\;\n',
    );
  });

  it('the header says when the variant applies and where it goes; W103 says systemd will not switch', () => {
    const dropIn = rendered.artifacts.find((a) => a.path === 'fallbacks/api/cpu.conf')!;
    expect(dropIn.notes).toEqual([
      'fallback "cpu" of service "api": applies when it exits with 3',
      'to switch: copy to /etc/systemd/system/shop-api.service.d/cpu.conf, run systemctl daemon-reload and systemctl restart shop-api.service',
    ]);
    expect(rendered.diagnostics).toContainEqual(expect.objectContaining({ code: 'W103', path: ['services', 'api', 'fallbacks', 0] }));
  });

  it('a setting the variant no longer has gets its default back where an empty line would not parse', () => {
    const spec = 'version: 1\nproject: p\nservices:\n  s:\n    command: [/bin/true]\n    health: { tcp: "127.0.0.1:1" }\n    fallbacks:\n      - name: quiet\n        set: { restart: "no", stop: { signal: SIGKILL } }\n';
    expect(artifact(renderSpec(spec), 'fallbacks/s/quiet.conf')).toBe('[Unit]\nStartLimitIntervalSec=10s\n\n[Service]\nKillSignal=SIGKILL\nRestart=no\nRestartSec=100ms\n');
  });
});

describe('hardening', () => {
  const rendered = renderSpec(multiServiceSpec.replace('wanted_by: default.target', 'wanted_by: default.target, hardening: true'));

  it('sandboxes processes (ProtectSystem=full) and keeps GPU devices open', () => {
    const cache = artifact(rendered, 'shop-cache.service');
    expect(cache).toContain('NoNewPrivileges=yes\nProtectSystem=full\nProtectHome=yes\nPrivateTmp=yes\nPrivateMounts=yes\nPrivateDevices=yes\n');
    expect(cache).toContain('RestrictNamespaces=yes\n');
    const api = artifact(rendered, 'shop-api.service');
    expect(api).not.toMatch(/PrivateDevices|ProtectClock/);
  });

  it('sandboxes the docker CLI of a container (strict) without restricting namespaces', () => {
    const db = artifact(rendered, 'shop-db.service');
    expect(db).toContain('ProtectSystem=strict\n');
    expect(db).toContain('CapabilityBoundingSet=\n');
    expect(db).not.toContain('RestrictNamespaces');
  });

  it('leaves podman containers alone, with W103', () => {
    const podman = renderSpec(multiServiceSpec.replace('wanted_by: default.target', 'engine: podman, hardening: true'));
    expect(artifact(podman, 'shop-db.service')).not.toContain('NoNewPrivileges');
    expect(artifact(podman, 'shop-cache.service')).toContain('NoNewPrivileges=yes\n');
    expect(podman.diagnostics).toContainEqual(expect.objectContaining({ code: 'W103', path: ['targets', 'systemd', 'hardening'] }));
  });
});
