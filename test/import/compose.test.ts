import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importCompose } from '../../src/import/compose/index.js';
import { draftHeader, importText, lines, specDiagnostics } from './support.js';

const header = draftHeader;
const restartNo = lines("# Compose's own defaults, for the services that do not set these", 'defaults: {restart: "no"}');

/** Imports, checks the result passes orchgen's validator, and returns it with the warnings. */
function imported(...compose: string[]) {
  const result = importText(lines(...compose));
  expect(specDiagnostics(result.yaml)).toEqual([]);
  return result;
}

describe('services, images and commands', () => {
  it('splits a string command like Compose (no shell) and keeps a list as it is', () => {
    const { yaml, warnings } = imported(
      'services:',
      '  web:',
      '    image: nginx:1.27',
      `    command: nginx -g 'daemon off;' --name "my \\"app\\"" a\\ b ''`,
      '  cache:',
      '    image: redis:7',
      '    command: ["redis-server", "--save", "", "--appendonly", "yes"]',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          restartNo.trimEnd(),
          'services:',
          '  web:',
          '    image: nginx:1.27',
          '    command: [nginx, -g, daemon off;, --name, my "app", a b, ""]',
          '  cache:',
          '    image: redis:7',
          '    command: [redis-server, --save, "", --appendonly, "yes"]',
        ),
    );
    expect(warnings).toEqual([]);
  });

  it('keeps `$$` as `$`, takes defaults of unset variables, and leaves an unset one without a default blank, as Compose does', () => {
    const { yaml, warnings } = importText(
      lines('services:', '  app:', '    image: registry/app:${TAG:-1.2}', '    command: sh -c "echo $$HOME; echo ${GREETING}"'),
    );
    expect(yaml).toBe(
      header +
        lines(
          '# values filled in at import as Compose would (unset, so their defaults: TAG); import again after changing them',
          '',
          'version: 1',
          'project: stack',
          restartNo.trimEnd(),
          'services:',
          '  app:',
          '    image: registry/app:1.2',
          '    command: [sh, -c, "echo $HOME; echo "]',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:3:5: warning[W203]: variables filled in as Compose would now (unset, so their defaults: $TAG): the orchgen.yaml holds their values, not the variables',
      'compose.yaml:4:5: warning[W203]: $GREETING is set neither in .env nor in the environment: left blank where used, as Compose does',
    ]);
  });

  it('maps entrypoint, capabilities, extra hosts, init and logging to the spec; labels stay in native.compose', () => {
    const { yaml, warnings } = imported(
      'services:',
      '  app:',
      '    image: app:1',
      '    entrypoint: /docker-entrypoint.sh --verbose',
      '    cap_add: [net_admin, CAP_SYS_TIME]',
      '    cap_drop: [ALL]',
      '    extra_hosts: ["db=10.0.0.5", "host.docker.internal:host-gateway", "v6:[::1]"]',
      '    init: true',
      '    logging: { driver: json-file, options: { max-size: 10m, max-file: 3, tag: "a$$b" } }',
      '    labels: { com.example.team: core }',
      '    restart: always',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          'services:',
          '  app:',
          '    image: app:1',
          '    entrypoint: [/docker-entrypoint.sh, --verbose]',
          '    cap_add: [NET_ADMIN, SYS_TIME]',
          '    cap_drop: [ALL]',
          '    extra_hosts: [db:10.0.0.5, host.docker.internal:host-gateway, v6:::1]',
          '    init: true',
          '    logging:',
          '      driver: json-file',
          '      options: {max-size: 10m, max-file: "3", tag: a$b}',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        labels: {com.example.team: core}',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:10:5: warning[W201]: `labels` of `app`: orchgen has no such setting; kept under native.compose (only the Compose build has it)',
    ]);
  });

  it('keeps an empty entrypoint and malformed container keys in native.compose, with a warning each', () => {
    const { yaml, warnings } = imported(
      'services:',
      '  app:',
      '    image: app:1',
      '    entrypoint: []',
      '    cap_add: ["not a cap"]',
      '    extra_hosts: [nowhere]',
      '    init: "yes"',
      '    logging: { driver: json-file, options: { max-size: null } }',
      '    restart: always',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          'services:',
          '  app:',
          '    image: app:1',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        entrypoint: []',
          '        cap_add: [not a cap]',
          '        extra_hosts: [nowhere]',
          '        init: "yes"',
          '        logging:',
          '          driver: json-file',
          '          options: {max-size: null}',
        ),
    );
    expect(warnings).toEqual([
      "compose.yaml:4:5: warning[W201]: `entrypoint` of `app`: an empty entrypoint clears the image's, which the spec cannot say; kept under native.compose (only the Compose build has it)",
      'compose.yaml:5:5: warning[W201]: `cap_add` of `app`: not a list of capability names; kept under native.compose (only the Compose build has it)',
      'compose.yaml:6:5: warning[W201]: `extra_hosts` of `app`: not host names with IP addresses; kept under native.compose (only the Compose build has it)',
      'compose.yaml:7:5: warning[W201]: `init` of `app`: not true or false; kept under native.compose (only the Compose build has it)',
      'compose.yaml:8:5: warning[W201]: `logging` of `app`: not a log driver with string options; kept under native.compose (only the Compose build has it)',
    ]);
  });

  it('names a built image after the project and keeps the build for Compose, relative to the spec', () => {
    const { yaml } = imported('services:', '  api:', '    build: { context: ./api, dockerfile: Dockerfile.prod }', '    restart: always');
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          'services:',
          '  api:',
          '    # the image the Compose build tags; build it first for the other targets',
          '    image: stack-api',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        build: {context: ./api, dockerfile: Dockerfile.prod}',
        ),
    );
  });
});

describe('environment', () => {
  it('a value whose first line is only blanks reads back exactly from the written spec', () => {
    const { yaml } = imported('services:', '  app:', '    image: app:1', '    environment:', '      BLANKS: " \\n"', '      TAB: "\\t\\n x"');
    expect(yaml).toContain('  app:\n    image: app:1\n    env:\n      BLANKS: "\\ \\n"\n');
    expect((parse(yaml) as { services: { app: { env: Record<string, string> } } }).services.app.env).toEqual({ BLANKS: ' \n', TAB: '\t\n x' });
  });

  it('map and list forms; a key without a value is passed on when set (env_optional), a secret-named key with its own whole variable is required, another variable makes a secret; defaults are taken', () => {
    const { yaml, warnings } = imported(
      'services:',
      '  app:',
      '    image: app:1',
      '    environment:',
      '      - PLAIN=a b',
      '      - EMPTY=',
      '      - PASSED',
      '      - COST=$$5',
      '      - TOKEN=${TOKEN}',
      '      - API_KEY=${SECRET:?set it}',
      '      - LEVEL=${LEVEL:-info}',
      '      - URL=http://${HOST}/x',
      '    restart: always',
      '  db:',
      '    image: postgres:16',
      '    environment:',
      '      VERSION: 1.0',
      '      DEBUG: true',
      '      ANSWER: no',
      '      PASSWORD:',
      '    restart: always',
    );
    expect(yaml).toBe(
      header +
        lines(
          '# values filled in at import as Compose would (unset, so their defaults: LEVEL); import again after changing them',
          '',
          'version: 1',
          'project: stack',
          'services:',
          '  app:',
          '    image: app:1',
          '    env:',
          '      PLAIN: a b',
          '      EMPTY: ""',
          '      COST: $5',
          '      # was ${SECRET:?set it} in the Compose file: a secret, read from $SECRET when the service starts',
          '      API_KEY: {secret: true, from: SECRET}',
          '      LEVEL: info',
          '      URL: http:///x',
          '    env_required: [TOKEN]',
          '    env_optional: [PASSED]',
          '    restart: always',
          '  db:',
          '    image: postgres:16',
          '    env:',
          '      VERSION: "1.0"',
          '      DEBUG: "true"',
          '      ANSWER: "no"',
          '    env_optional: [PASSWORD]',
          '    restart: always',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:11:9: warning[W203]: variables filled in as Compose would now (unset, so their defaults: $LEVEL): the orchgen.yaml holds their values, not the variables',
      'compose.yaml:12:9: warning[W203]: $HOST is set neither in .env nor in the environment: left blank where used, as Compose does',
    ]);
  });

  it('keeps keys orchgen cannot name under native.compose.environment; env_file paths relative to the output', () => {
    const result = importCompose(
      { file: 'compose.yaml', text: lines('services:', '  app:', '    image: app:1', '    environment: { my.key: v }', '    env_file: [.env, ./conf/app.env]', '    restart: always'), dir: '/stack/deploy' },
      { outDir: '/stack', schemaRef: 'orchgen.schema.json' },
    );
    expect(result.text).toBe(
      header +
        lines(
          'version: 1',
          '# the relative paths below need `project_dir` (the folder they are in where the stack runs, e.g. `project_dir: /srv/deploy`) for systemd',
          'project: deploy',
          'services:',
          '  app:',
          '    image: app:1',
          '    env_file: [deploy/.env, deploy/conf/app.env]',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        environment: {my.key: v}',
        ),
    );
  });
});

describe('ports and volumes', () => {
  it('short and long ports, ranges expanded; a port without a host port keeps the whole list for Compose', () => {
    const { yaml, warnings } = imported(
      'services:',
      '  web:',
      '    image: web:1',
      '    ports:',
      '      - "8080:80"',
      '      - 127.0.0.1:8443:443/tcp',
      '      - "5353:53/udp"',
      '      - "7000-7001:8000-8001"',
      '      - target: 9000',
      '        published: 9000',
      '        host_ip: "::1"',
      '      - "9090"',
      '    restart: always',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          'services:',
          '  web:',
          '    image: web:1',
          '    ports:',
          '      - 8080:80',
          '      - 127.0.0.1:8443:443',
          '      - 5353:53/udp',
          '      - 7000:8000',
          '      - 7001:8001',
          '      - "[::1]:9000:9000"',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        ports:',
          '          - 8080:80',
          '          - 127.0.0.1:8443:443/tcp',
          '          - 5353:53/udp',
          '          - 7000-7001:8000-8001',
          '          - {target: 9000, published: 9000, host_ip: ::1}',
          '          - "9090"',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:12:9: warning[W201]: port `9090` of `web` has no fixed host port or a protocol orchgen does not know; the Compose build keeps the whole ports list under native.compose',
    ]);
  });

  it('bind paths relative to the output, named volumes by name, an anonymous one named, options flagged', () => {
    const { yaml, warnings } = imported(
      'services:',
      '  db:',
      '    image: postgres:16',
      '    volumes:',
      '      - ./data:/var/lib/postgresql/data',
      '      - /etc/localtime:/etc/localtime:ro',
      '      - conf:/etc/pg:ro,z',
      '      - /scratch',
      '      - type: bind',
      '        source: init',
      '        target: /docker-entrypoint-initdb.d',
      '        read_only: true',
      '      - type: tmpfs',
      '        target: /run',
      '    restart: always',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          '# the relative paths below need `project_dir` (the folder they are in where the stack runs, e.g. `project_dir: /srv/stack`) for systemd',
          'project: stack',
          'services:',
          '  db:',
          '    image: postgres:16',
          '    # /etc/pg: the Compose file also had z',
          '    # db-scratch: an anonymous volume in the Compose file',
          '    volumes:',
          '      - ./data:/var/lib/postgresql/data',
          '      - /etc/localtime:/etc/localtime:ro',
          '      - conf:/etc/pg:ro',
          '      - db-scratch:/scratch',
          '      - ./init:/docker-entrypoint-initdb.d:ro',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        tmpfs: [/run]',
        ),
    );
    expect(warnings).toEqual([
      "compose.yaml:4:5: warning[W201]: tmpfs mounts of `db` have no place in orchgen's spec; kept under native.compose.tmpfs",
      "compose.yaml:4:5: warning[W207]: relative paths (volumes of `db`) are found from the orchgen.yaml's folder by Compose, PM2 and supervisord; systemd places them only when `project_dir` says where they are when the stack runs (e.g. `project_dir: /srv/stack`), and Kubernetes mounts an empty folder for a relative volume without it",
      'compose.yaml:7:9: warning[W205]: mount options z of `/etc/pg` in `db` dropped: orchgen mounts are read-only or read-write only',
      'compose.yaml:8:9: warning[W204]: the anonymous volume at `/scratch` of `db` becomes the named volume `db-scratch`: it outlives the container',
    ]);
  });
});

describe('health checks', () => {
  it('keeps start_interval; a zero interval, timeout or start interval is Docker\'s default, so it is left to the defaults', () => {
    const { yaml } = imported(
      'services:',
      '  a:',
      '    image: a',
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 0s',
      '      timeout: 10s',
      '      start_period: 1m',
      '      start_interval: 500ms',
      '  b:',
      '    image: b',
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 5s',
      '      timeout: 0s',
      '      start_period: 0s',
      '      start_interval: 0s',
    );
    const services = (parse(yaml) as { services: Record<string, { health: unknown }> }).services;
    expect(services.a!.health).toEqual({ exec: ['true'], timeout: '10s', start_period: '1m', start_interval: '500ms' });
    expect(services.b!.health).toEqual({ exec: ['true'], interval: '5s', start_period: '0s' });
    expect((parse(yaml) as { defaults: unknown }).defaults).toEqual({ restart: 'no', health: { interval: '30s', timeout: '30s' } });
  });

  it('CMD keeps its words, CMD-SHELL and a string run in a shell; Compose default timings set once', () => {
    const { yaml } = imported(
      'services:',
      '  a:',
      '    image: a',
      '    healthcheck:',
      '      test: ["CMD", "curl", "-f", "http://localhost:8080/healthz"]',
      '      interval: 1m30s',
      '      timeout: 1.5s',
      '      retries: 5',
      '      start_period: 500ms',
      '  b:',
      '    image: b',
      '    healthcheck:',
      '      test: ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]',
      '  c:',
      '    image: c',
      '    healthcheck:',
      '      test: redis-cli ping',
      '      interval: 10s',
      '  d:',
      '    image: d',
      '    healthcheck:',
      '      test: ["NONE"]',
      '  e:',
      '    image: e',
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      disable: true',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          "# Compose's own defaults, for the services that do not set these",
          'defaults:',
          '  restart: "no"',
          '  health:',
          '    interval: 30s',
          '    timeout: 30s',
          'services:',
          '  a:',
          '    image: a',
          '    health:',
          '      exec: [curl, -f, http://localhost:8080/healthz]',
          '      interval: 1m30s',
          '      timeout: 1s500ms',
          '      retries: 5',
          '      start_period: 500ms',
          '  b:',
          '    image: b',
          '    health:',
          '      exec: pg_isready -U ${POSTGRES_USER:-postgres}',
          '  c:',
          '    image: c',
          '    health:',
          '      exec: redis-cli ping',
          '      interval: 10s',
          '  d:',
          '    image: d',
          '  e:',
          '    image: e',
        ),
    );
  });

  it('a GPU service keeps Compose\'s zero start period; timings only (the image\'s own check) go to native', () => {
    const { yaml, warnings } = imported(
      'services:',
      '  llm:',
      '    image: llm:1',
      '    gpus: all',
      '    healthcheck:',
      '      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]',
      '      interval: 10s',
      '      timeout: 5s',
      '    restart: always',
      '  web:',
      '    image: web:1',
      '    healthcheck:',
      '      interval: 10s',
      '    restart: always',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          'services:',
          '  llm:',
          '    image: llm:1',
          '    health:',
          '      exec: [curl, -f, http://localhost:8000/health]',
          '      interval: 10s',
          '      timeout: 5s',
          "      # Compose's default; orchgen's own for GPU services is 2m",
          '      start_period: 0s',
          '    restart: always',
          '    gpu: {count: all}',
          '  web:',
          '    image: web:1',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        healthcheck: {interval: 10s}',
        ),
    );
    expect(warnings).toEqual([
      "compose.yaml:12:5: warning[W201]: `healthcheck` of `web`: it changes the timings of the health check the image defines, which orchgen cannot see; kept under native.compose (only the Compose build has it)",
    ]);
  });
});

describe('dependencies, restart, stop', () => {
  it('the list form means `started`; long conditions map; required: false stays; unless-stopped is always', () => {
    const { yaml, warnings } = imported(
      'services:',
      '  db:',
      '    image: postgres:16',
      '    healthcheck: { test: pg_isready, interval: 5s, timeout: 3s }',
      '    restart: unless-stopped',
      '    stop_signal: INT',
      '    stop_grace_period: 1m30s',
      '  migrate:',
      '    image: app:1',
      '    command: ./migrate',
      '    depends_on: [db]',
      '  app:',
      '    image: app:1',
      '    depends_on:',
      '      db: { condition: service_healthy }',
      '      migrate: { condition: service_completed_successfully }',
      '      cache: { condition: service_started, required: false }',
      '    restart: on-failure:3',
      '  cache:',
      '    image: redis:7',
      '    restart: on-failure',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          restartNo.trimEnd(),
          'services:',
          '  db:',
          '    image: postgres:16',
          '    health:',
          '      exec: pg_isready',
          '      interval: 5s',
          '      timeout: 3s',
          '    # unless-stopped in the Compose file',
          '    restart: always',
          '    stop: {signal: SIGINT, timeout: 1m30s}',
          '  migrate:',
          '    image: app:1',
          '    command: [./migrate]',
          '    depends_on: {db: started}',
          '  app:',
          '    image: app:1',
          '    depends_on:',
          '      db: healthy',
          '      migrate: completed',
          '      cache: {condition: started, required: false}',
          '    restart: {policy: on-failure, max_attempts: 3}',
          '  cache:',
          '    image: redis:7',
          '    restart: on-failure',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:5:14: warning[W204]: restart `unless-stopped` of `db` becomes `always`: orchgen cannot tell a service stopped by hand from one the engine restarted',
    ]);
  });

  it('a service only in a profile is optional; dependents keep Compose\'s `required: true`', () => {
    const { yaml, warnings } = importText(
      lines('services:', '  app:', '    image: app:1', '    depends_on: [tools]', '    restart: always', '  tools:', '    image: busybox', '    profiles: [debug]', '    restart: always'),
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          'services:',
          '  app:',
          '    image: app:1',
          '    depends_on:',
          '      tools: {condition: started, required: true}',
          '    restart: always',
          '  tools:',
          '    image: busybox',
          '    # only in the Compose profile debug: the Compose build keeps it (native.compose.profiles), other targets start it with the stack',
          '    essential: false',
          '    restart: always',
          '    native:',
          '      compose:',
          '        profiles: [debug]',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:8:5: warning[W204]: `tools` is only in the Compose profile debug: orchgen starts it with the stack as an optional service (essential: false); the Compose build keeps the profile',
    ]);
    // What Compose means, and orchgen says so.
    expect(specDiagnostics(yaml)).toEqual([
      'orchgen.yaml:10:7: warning[W101]: essential `app` requires optional `tools`: when `tools` fails, `app` and the stack fail with it',
      '  hint: set `required: false`, or make the dependency essential',
    ]);
  });
});

describe('resources and GPUs', () => {
  it('limits from deploy or mem_limit/cpus in binary units; a GPU reservation; the rest of deploy kept for Compose', () => {
    const { yaml, warnings } = imported(
      'services:',
      '  vllm:',
      '    image: vllm/vllm-openai:v0.6.6',
      '    deploy:',
      '      replicas: 1',
      '      resources:',
      '        limits: { memory: 1gb, cpus: "1.5" }',
      '        reservations:',
      '          devices:',
      '            - driver: nvidia',
      '              device_ids: ["0", "3"]',
      '              capabilities: [gpu, utility]',
      '    restart: always',
      '  small:',
      '    image: app:1',
      '    mem_limit: 1536m',
      '    cpus: 0.25',
      '    deploy:',
      '      resources:',
      '        reservations:',
      '          devices: [{ capabilities: [gpu], count: 2 }]',
      '    restart: always',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          'services:',
          '  vllm:',
          '    image: vllm/vllm-openai:v0.6.6',
          '    restart: always',
          '    resources: {memory: 1G, cpus: 1.5}',
          '    gpu:',
          '      device_ids: ["0", "3"]',
          '      capabilities: [gpu, utility]',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        deploy: {replicas: 1}',
          '  small:',
          '    image: app:1',
          '    restart: always',
          '    resources: {memory: 1536M, cpus: 0.25}',
          '    gpu: {count: 2}',
        ),
    );
    expect(warnings).toEqual([
      "compose.yaml:4:5: warning[W201]: `deploy` of `vllm`: deploy.replicas has no place in orchgen's spec; kept under native.compose (only the Compose build has it)",
    ]);
  });
});

describe('names and references', () => {
  it('renames services and the project; updates depends_on, links and network_mode; keeps the old name as an alias', () => {
    const { yaml, warnings } = imported(
      'name: My_Shop',
      'services:',
      '  Web_App:',
      '    image: web:1',
      '    depends_on: [db_1]',
      '    links: ["db_1"]',
      '    restart: always',
      '  db_1:',
      '    image: postgres:16',
      '    restart: always',
      '  sidecar:',
      '    image: busybox',
      '    network_mode: "service:Web_App"',
      '    restart: always',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: my-shop',
          'services:',
          '  web-app:',
          '    image: web:1',
          '    depends_on: {db-1: started}',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    # the Compose build keeps the old name Web_App as a network alias, so other containers still reach it by it',
          '    native:',
          '      compose:',
          '        links: [db-1:db_1]',
          '        networks:',
          '          default:',
          '            aliases: [Web_App]',
          '  db-1:',
          '    image: postgres:16',
          '    restart: always',
          '    # the Compose build keeps the old name db_1 as a network alias, so other containers still reach it by it',
          '    native:',
          '      compose:',
          '        networks:',
          '          default:',
          '            aliases: [db_1]',
          '  sidecar:',
          '    image: busybox',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        network_mode: service:web-app',
        ),
    );
    expect(warnings.slice(0, 3)).toEqual([
      'compose.yaml:1:7: warning[W202]: project name `My_Shop` renamed `my-shop`: orchgen names are lower-case letters, digits and dashes',
      'compose.yaml:3:3: warning[W202]: 2 services renamed (`Web_App` as `web-app`, `db_1` as `db-1`): orchgen names are lower-case letters, digits and dashes',
      'compose.yaml:6:5: warning[W201]: `links` of `Web_App`: orchgen has no such setting; kept under native.compose (only the Compose build has it)',
    ]);
  });

  it('network_mode shared by every service becomes the Compose target setting; networks other than default are dropped, aliases kept', () => {
    const { yaml } = imported(
      'services:',
      '  a:',
      '    image: a',
      '    network_mode: host',
      '    restart: always',
      '  b:',
      '    image: b',
      '    network_mode: host',
      '    restart: always',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          'services:',
          '  a:',
          '    image: a',
          '    restart: always',
          '  b:',
          '    image: b',
          '    restart: always',
          '# network_mode host of every service in the Compose file',
          'targets:',
          '  compose:',
          '    network_mode: host',
        ),
    );
    const networks = importText(lines('services:', '  a:', '    image: a', '    networks:', '      back: { aliases: [api] }', '    restart: always', 'networks:', '  back: { driver: bridge }'));
    expect(networks.yaml).toBe(
      header +
        lines(
          '# dropped networks.back: {driver: bridge} (orchgen has no top-level networks)',
          '',
          'version: 1',
          'project: stack',
          'services:',
          "  # dropped networks: {back: {aliases: [api]}} (orchgen has no network definitions: every service shares the Compose project's default network)",
          '  a:',
          '    image: a',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        networks:',
          '          default:',
          '            aliases: [api]',
        ),
    );
  });
});

describe('what has no place at all', () => {
  it('mounts a file secret; merges what extends names; expands anchors; flags a service Compose cannot run', () => {
    const { yaml, warnings } = importText(
      lines(
        'x-base: &base',
        '  restart: always',
        '  environment: &env { TZ: UTC }',
        'services:',
        '  a:',
        '    <<: *base',
        '    image: a',
        '    environment: { <<: *env, EXTRA: "1" }',
        '    secrets: [db_pass]',
        '    extends: { service: b }',
        '  b:',
        '    command: echo hi',
        'secrets:',
        '  db_pass: { file: ./db_pass.txt }',
      ),
    );
    expect(yaml).toBe(
      lines(
        '# yaml-language-server: $schema=orchgen.schema.json',
        '# Imported from compose.yaml by `orchgen import compose`; the comments mark what needs a look.',
        '',
        'version: 1',
        '# the relative paths below need `project_dir` (the folder they are in where the stack runs, e.g. `project_dir: /srv/stack`) for systemd',
        'project: stack',
        restartNo.trimEnd(),
        'services:',
        '  # the settings of `b` merged in, as its `extends` asks',
        '  a:',
        '    image: a',
        '    command: [echo, hi]',
        '    env:',
        '      TZ: UTC',
        '      EXTRA: "1"',
        '    # the secrets of the Compose file (db_pass): their files, mounted read-only where Compose mounts them',
        '    volumes: [./db_pass.txt:/run/secrets/db_pass:ro]',
        '    restart: always',
        '  b:',
        '    command: [echo, hi]',
      ),
    );
    expect(warnings).toEqual([
      "compose.yaml:5:3: warning[W207]: relative paths (volumes of `a`) are found from the orchgen.yaml's folder by Compose, PM2 and supervisord; systemd places them only when `project_dir` says where they are when the stack runs (e.g. `project_dir: /srv/stack`), and Kubernetes mounts an empty folder for a relative volume without it",
      'compose.yaml:11:3: warning[W204]: `b` has neither image nor build, which Compose cannot run; orchgen would run its command on the host',
    ]);
  });
});

describe('errors', () => {
  it('refuses a file that is not YAML or has no services', () => {
    const run = (text: string) => importCompose({ file: 'compose.yaml', text, dir: '/stack' }, { outDir: '/stack', schemaRef: 'x' });
    expect(run('services: [\n')).toMatchObject({ error: expect.stringMatching(/^compose\.yaml:2:1: /) });
    expect(run('version: "3"\n')).toEqual({ warnings: [], error: 'compose.yaml: not a Compose file: no `services`' });
  });

  it('refuses aliases that expand past the bound, and an alias inside its own anchor, with a message', () => {
    const run = (text: string) => importCompose({ file: 'compose.yaml', text, dir: '/stack' }, { outDir: '/stack', schemaRef: 'x' });
    const levels = ['x-a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [from, to] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh']) levels.push(`x-${to}: &${to} [${Array(10).fill(`*${from}`).join(', ')}]`);
    const bound = 'compose.yaml:1:1: cannot expand the document: its aliases expand it to more than 2500000 values, or an alias is inside its own anchor';
    expect(run(lines(...levels, 'services: {a: {image: busybox}}'))).toEqual({ warnings: [], error: bound });
    expect(run(lines('x-a: &a [1, *a]', 'services: {a: {image: busybox}}'))).toEqual({ warnings: [], error: bound });
  });

  it('refuses a merge of something other than a mapping, pointing at it', () => {
    const run = (text: string) => importCompose({ file: 'compose.yaml', text, dir: '/stack' }, { outDir: '/stack', schemaRef: 'x' });
    const error = 'compose.yaml:3:11: cannot expand the document: Merge sources must be maps or map aliases';
    expect(run(lines('x-a: &a 1', 'services:', '  a: {<<: *a, image: busybox}'))).toEqual({ warnings: [], error });
  });
});

describe('anchors that real files use many times', () => {
  const services = (count: number, body: string) => Array.from({ length: count }, (_, i) => `  s${i}:\n${body}`);

  it('one anchor merged into 150 services', () => {
    const { yaml } = imported('x-r: &r {image: app:1, restart: always}', 'services:', ...services(150, '    <<: *r'));
    expect(parse(yaml).services.s149).toEqual({ image: 'app:1', restart: 'always' });
  });

  it('an anchor holding two aliases, used by 60 services', () => {
    const { yaml } = imported('x-env: &env {A: "1"}', 'x-r: &r {image: app:1, restart: always, environment: *env, labels: *env}', 'services:', ...services(60, '    <<: *r'));
    expect(Object.keys(parse(yaml).services)).toHaveLength(60);
  });
});

describe('devices', () => {
  it('reads devices in the short form into the spec, and keeps any other form for Compose', () => {
    const { yaml, warnings } = imported(
      'services:',
      '  player:',
      '    image: app:1',
      '    devices: [/dev/snd, "/dev/ttyUSB0:/dev/serial:rw"]',
      '    restart: always',
      '  gpu:',
      '    image: app:1',
      '    devices: [nvidia.com/gpu=all]',
      '    restart: always',
    );
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          'services:',
          '  player:',
          '    image: app:1',
          '    devices: [/dev/snd, /dev/ttyUSB0:/dev/serial:rw]',
          '    restart: always',
          '  gpu:',
          '    image: app:1',
          '    restart: always',
          "    # Compose settings orchgen has no place for: only the Compose build uses them.",
          '    native:',
          '      compose:',
          '        devices: [nvidia.com/gpu=all]',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:8:5: warning[W201]: `devices` of `gpu`: orchgen reads devices as HOST[:CONTAINER[:PERMISSIONS]] only, not CDI names or the long form; kept under native.compose (only the Compose build has it)',
    ]);
  });
});
