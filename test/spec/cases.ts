import type { Code } from '../../src/diagnostics/catalog.js';
import { spec } from '../helpers.js';

export interface DiagnosticCase {
  code: Code;
  name: string;
  yaml: string;
  /** Exactly what the CLI prints, line for line. */
  expected: string[];
}

const header = ['version: 1', 'project: demo', 'services:'];

/** One or more cases per code of the spec's own catalog; targets' codes are tested with their targets. */
export const cases: DiagnosticCase[] = [
  {
    code: 'E001',
    name: 'YAML syntax error',
    yaml: spec(...header, '  api: {image: [busybox', '  db:'),
    expected: [
      "orchgen.yaml:5:3: error[E001]: Flow sequence in block collection must be sufficiently indented and end with a ]",
      "orchgen.yaml:5:3: error[E001]: Flow map in block collection must be sufficiently indented and end with a }",
    ],
  },
  {
    code: 'E001',
    name: 'duplicate key',
    yaml: spec(...header, '  api:', '    image: busybox', '    image: alpine'),
    expected: [
      "orchgen.yaml:6:5: error[E001]: Map keys must be unique",
    ],
  },
  {
    code: 'E003',
    name: 'alias bomb',
    yaml: spec(
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
      'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]',
      ...header,
      '  api: {image: busybox}',
    ),
    expected: [
      "orchgen.yaml:1:1: error[E003]: cannot expand the document: its aliases expand it to more than 2500000 values, or an alias is inside its own anchor",
    ],
  },
  {
    code: 'E003',
    name: 'alias inside its own anchor',
    yaml: spec('x: &x [1, *x]', ...header, '  api: {image: busybox}'),
    expected: [
      "orchgen.yaml:1:1: error[E003]: cannot expand the document: its aliases expand it to more than 2500000 values, or an alias is inside its own anchor",
    ],
  },
  {
    code: 'E003',
    name: 'a merge of a scalar',
    yaml: spec('x: &x 1', ...header, '  api:', '    <<: *x', '    image: busybox'),
    expected: [
      "orchgen.yaml:6:9: error[E003]: cannot expand the document: Merge sources must be maps or map aliases",
    ],
  },
  {
    code: 'E003',
    name: 'a merge of a list holding a scalar',
    yaml: spec('x: &x {image: busybox}', 'y: &y 2', ...header, '  api:', '    <<: [*x, *y]'),
    expected: [
      "orchgen.yaml:7:9: error[E003]: cannot expand the document: Merge sources must be maps or map aliases",
    ],
  },
  {
    code: 'E101',
    name: 'healthcheck → health',
    yaml: spec(...header, '  api:', '    image: busybox', '    healthcheck:', '      tcp: 127.0.0.1:80'),
    expected: [
      "orchgen.yaml:6:5: error[E101]: unknown key `healthcheck` in `services.api`",
      "  hint: did you mean `health`?",
    ],
  },
  {
    code: 'E101',
    name: 'depend_on → depends_on',
    yaml: spec(...header, '  db: {image: postgres}', '  api:', '    image: busybox', '    depend_on: [db]'),
    expected: [
      "orchgen.yaml:7:5: error[E101]: unknown key `depend_on` in `services.api`",
      "  hint: did you mean `depends_on`?",
    ],
  },
  {
    code: 'E101',
    name: 'unknown top-level key',
    yaml: spec('version: 1', 'project: demo', 'service:', '  api: {image: busybox}', 'services:', '  api: {image: busybox}'),
    expected: [
      "orchgen.yaml:3:1: error[E101]: unknown key `service` at the top level",
      "  hint: did you mean `services`?",
    ],
  },
  {
    code: 'E102',
    name: 'missing project',
    yaml: spec('version: 1', 'services:', '  api: {image: busybox}'),
    expected: [
      "orchgen.yaml:1:1: error[E102]: the spec is missing the required key `project`",
    ],
  },
  {
    code: 'E103',
    name: 'command of the wrong type',
    yaml: spec(...header, '  api:', '    command: 42'),
    expected: [
      "orchgen.yaml:5:14: error[E103]: `services.api.command` must be a list or a string, not the number 42",
    ],
  },
  {
    code: 'E104',
    name: 'restart value',
    yaml: spec(...header, '  api:', '    image: busybox', '    restart: alway'),
    expected: [
      "orchgen.yaml:6:14: error[E104]: `services.api.restart` must be `always`, `on-failure`, `no` or a mapping, not `alway`",
      "  hint: did you mean `always`?",
    ],
  },
  {
    code: 'E104',
    name: 'dependency condition',
    yaml: spec(...header, '  db: {image: postgres}', '  api:', '    image: busybox', '    depends_on:', '      db: {condition: ready}'),
    expected: [
      "orchgen.yaml:8:23: error[E104]: `services.api.depends_on.db.condition` must be `started`, `healthy` or `completed`, not `ready`",
    ],
  },
  {
    code: 'E104',
    name: 'secret: false',
    yaml: spec(...header, '  api:', '    image: busybox', '    env: {TOKEN: {secret: false}}'),
    expected: [
      "orchgen.yaml:6:27: error[E104]: `services.api.env.TOKEN.secret` must be `true`, not `false`",
    ],
  },
  {
    code: 'E101',
    name: 'secret with another key',
    yaml: spec(...header, '  api:', '    image: busybox', '    env: {TOKEN: {secret: true, form: API_TOKEN}}'),
    expected: [
      "orchgen.yaml:6:33: error[E101]: unknown key `form` in `services.api.env.TOKEN`",
      "  hint: did you mean `from`?",
    ],
  },
  {
    code: 'E102',
    name: 'secret without `secret: true`',
    yaml: spec(...header, '  api:', '    image: busybox', '    env: {TOKEN: {from: API_TOKEN}}'),
    expected: [
      "orchgen.yaml:6:11: error[E102]: `services.api.env.TOKEN` is missing the required key `secret`",
    ],
  },
  {
    code: 'E105',
    name: 'secret read from a bad variable name',
    yaml: spec(...header, '  api:', '    image: busybox', '    env: {TOKEN: {secret: true, from: API-TOKEN}}'),
    expected: [
      "orchgen.yaml:6:39: error[E105]: `services.api.env.TOKEN.from` must be an environment variable name: letters, digits and _, not starting with a digit, not `API-TOKEN`",
    ],
  },
  {
    code: 'E105',
    name: 'service name',
    yaml: spec(...header, '  Api_Server: {image: busybox}'),
    expected: [
      "orchgen.yaml:4:3: error[E105]: `Api_Server` in `services` is not a name: lower-case letters, digits and dashes, starting with a letter",
    ],
  },
  {
    code: 'E106',
    name: 'duration',
    yaml: spec(...header, '  api:', '    image: busybox', '    stop: {timeout: 10 seconds}'),
    expected: [
      "orchgen.yaml:6:21: error[E106]: `services.api.stop.timeout` must be a duration such as 500ms, 2s, 1m30s or 1h, not `10 seconds`",
    ],
  },
  {
    code: 'E107',
    name: 'size',
    yaml: spec(...header, '  api:', '    image: busybox', '    resources: {memory: 2GB}'),
    expected: [
      "orchgen.yaml:6:25: error[E107]: `services.api.resources.memory` must be a size such as 512M or 1G, not `2GB`",
    ],
  },
  {
    code: 'E106',
    name: 'duration past its bound',
    yaml: spec(...header, '  api:', '    image: busybox', '    stop: {timeout: 100000s}'),
    expected: [
      "orchgen.yaml:6:21: error[E106]: `services.api.stop.timeout` must be a duration with at most 5 digits per number (99999h is over 11 years), not `100000s`",
    ],
  },
  {
    code: 'E106',
    name: 'a zero health interval, which Docker would read as 30s',
    yaml: spec(...header, '  api:', '    image: busybox', '    health: {tcp: 127.0.0.1:80, interval: 0s, timeout: 0ms}'),
    expected: [
      "orchgen.yaml:6:43: error[E106]: `services.api.health.interval` must be a duration above zero such as 500ms, 2s, 1m30s or 1h, not `0s`",
      "orchgen.yaml:6:56: error[E106]: `services.api.health.timeout` must be a duration above zero such as 500ms, 2s, 1m30s or 1h, not `0ms`",
    ],
  },
  {
    code: 'E106',
    name: 'a zero monitor interval',
    yaml: spec('version: 1', 'project: demo', 'monitor: {interval: 0s}', 'services:', '  api:', '    image: busybox', '    monitor: {interval: 00ms}'),
    expected: [
      "orchgen.yaml:3:21: error[E106]: `monitor.interval` must be a duration above zero such as 500ms, 2s, 1m30s or 1h, not `0s`",
      "orchgen.yaml:7:25: error[E106]: `services.api.monitor.interval` must be a duration above zero such as 500ms, 2s, 1m30s or 1h, not `00ms`",
    ],
  },
  {
    code: 'E106',
    name: 'a health start interval past its bound',
    yaml: spec(...header, '  api:', '    image: busybox', '    health: {tcp: 127.0.0.1:80, start_period: 1m, start_interval: 100000ms}'),
    expected: [
      "orchgen.yaml:6:67: error[E106]: `services.api.health.start_interval` must be a duration with at most 5 digits per number (99999h is over 11 years), not `100000ms`",
    ],
  },
  {
    code: 'E107',
    name: 'size past its bound',
    yaml: spec(...header, '  api:', '    image: busybox', '    resources: {memory: 1000T}'),
    expected: [
      "orchgen.yaml:6:25: error[E107]: `services.api.resources.memory` must be a size below 1000T (at most 15 digits of bytes, 12 of K, 9 of M, 6 of G, 3 of T), not `1000T`",
    ],
  },
  {
    code: 'E109',
    name: 'number past its bound',
    yaml: spec(...header, '  api:', '    image: busybox', '    gpu: {count: 2147483647}', '    restart: {max_attempts: 0}'),
    expected: [
      "orchgen.yaml:6:18: error[E109]: `services.api.gpu.count` must be at most 64, not the number 2147483647",
      "orchgen.yaml:7:29: error[E109]: `services.api.restart.max_attempts` must be at least 1, not the number 0",
    ],
  },
  {
    code: 'E109',
    name: 'list past its bound',
    yaml: spec(...header, '  api:', '    image: busybox', `    gpu: {device_ids: [${Array.from({ length: 65 }, (_, i) => `"${i}"`).join(', ')}]}`),
    expected: [
      "orchgen.yaml:6:23: error[E109]: `services.api.gpu.device_ids` lists 65 items; at most 64 are allowed",
    ],
  },
  {
    code: 'E216',
    name: 'supervised monitor without project_dir',
    yaml: spec('version: 1', 'project: demo', 'monitor:', '  supervised: true', 'services:', '  api:', '    command: [serve]'),
    expected: [
      "orchgen.yaml:4:3: error[E216]: `monitor.supervised` needs `project_dir`: the monitor runs as a service of the host target and reads the spec from there",
      '  hint: set `project_dir` to the folder this spec is in where the stack runs (e.g. `project_dir: /srv/demo`)',
    ],
  },
  {
    code: 'E216',
    name: 'a service named like the supervised monitor',
    yaml: spec('version: 1', 'project: demo', 'project_dir: /srv/demo', 'monitor: {supervised: true}', 'services:', '  orchgen-monitor:', '    command: [serve]'),
    expected: [
      "orchgen.yaml:6:3: error[E216]: `orchgen-monitor` is the name of the supervised monitor's service",
      '  hint: rename this service, or set `monitor.supervised: false`',
    ],
  },
  {
    code: 'E108',
    name: 'port format',
    yaml: spec(...header, '  api:', '    image: busybox', '    ports: ["8080"]'),
    expected: [
      "orchgen.yaml:6:13: error[E108]: `services.api.ports[0]` must be a port mapping such as 8080:80, 127.0.0.1:8080:80 or 53:53/udp, not `8080`",
    ],
  },
  {
    code: 'E201',
    name: 'unknown dependency',
    yaml: spec(...header, '  postgres: {image: postgres}', '  api:', '    image: busybox', '    depends_on: [postgress]'),
    expected: [
      "orchgen.yaml:7:18: error[E201]: `api` depends on `postgress`, which is not a service",
      "  hint: did you mean `postgres`?",
    ],
  },
  {
    code: 'E202',
    name: 'dependency cycle',
    yaml: spec(
      ...header,
      '  alpha: {image: busybox, depends_on: [gamma]}',
      '  beta: {image: busybox, depends_on: [alpha]}',
      '  gamma: {image: busybox, depends_on: [beta]}',
    ),
    expected: [
      "orchgen.yaml:4:40: error[E202]: dependency cycle: alpha → gamma → beta → alpha",
    ],
  },
  {
    code: 'E203',
    name: 'healthy without health',
    yaml: spec(...header, '  db: {image: postgres}', '  api:', '    image: busybox', '    depends_on: {db: healthy}'),
    expected: [
      "orchgen.yaml:7:18: error[E203]: `api` waits for `db` to be healthy, but `db` has no health check",
      "  hint: add `health:` to `db`, or use `started`",
    ],
  },
  {
    code: 'E204',
    name: 'host port twice',
    yaml: spec(...header, '  web: {image: nginx, ports: ["8080:80"]}', '  api: {image: busybox, ports: ["127.0.0.1:8080:8000"]}'),
    expected: [
      "orchgen.yaml:5:33: error[E204]: host port 8080/tcp of `api` is already published by `web`",
    ],
  },
  {
    code: 'E205',
    name: 'nothing to run',
    yaml: spec(...header, '  api:', '    env: {A: b}'),
    expected: [
      "orchgen.yaml:4:3: error[E205]: `api` has nothing to run: give it `image` or `command`",
    ],
  },
  {
    code: 'E205',
    name: 'compose needs an image',
    yaml: spec(...header, '  api:', '    command: [/usr/bin/api]', '    targets: [systemd, compose]'),
    expected: [
      "orchgen.yaml:6:24: error[E205]: `api` cannot go to compose: compose runs containers only and it has no `image`",
    ],
  },
  {
    code: 'E206',
    name: 'fallback sets an unknown key',
    yaml: spec(...header, '  api:', '    image: busybox', '    fallbacks:', '      - name: small', '        set: {memory: 1G}'),
    expected: [
      "orchgen.yaml:8:15: error[E206]: fallback sets `memory`, which is not a service key",
    ],
  },
  {
    code: 'E206',
    name: 'fallback sets depends_on',
    yaml: spec(...header, '  db: {image: postgres}', '  api:', '    image: busybox', '    fallbacks:', '      - name: alone', '        set: {depends_on: [db]}'),
    expected: [
      "orchgen.yaml:9:15: error[E206]: fallback `alone` of `api` sets `depends_on`, which a fallback cannot change",
    ],
  },
  {
    code: 'E207',
    name: 'env_required given a value',
    yaml: spec(...header, '  api:', '    image: busybox', '    env: {TOKEN: abc}', '    env_required: [TOKEN]'),
    expected: [
      "orchgen.yaml:7:20: error[E207]: `TOKEN` of `api` is in `env_required` and is also given a value in `env`",
      "  hint: a required key comes from the environment at start: remove it from `env`",
    ],
  },
  {
    code: 'E207',
    name: 'env_required key also a secret',
    yaml: spec(...header, '  api:', '    image: busybox', '    env: {TOKEN: {secret: true}}', '    env_required: [TOKEN]'),
    expected: [
      "orchgen.yaml:7:20: error[E207]: `TOKEN` of `api` is in `env_required` and is also a secret in `env`",
      "  hint: a secret is read from the environment at start already: remove it from `env_required`",
    ],
  },
  {
    code: 'E207',
    name: 'env_optional key given a value',
    yaml: spec(...header, '  api:', '    image: busybox', '    env: {SES_USER: app}', '    env_optional: [SES_USER]'),
    expected: [
      "orchgen.yaml:7:20: error[E207]: `SES_USER` of `api` is in `env_optional` and is also given a value in `env`",
      '  hint: a key in `env_optional` comes from the environment at start, when set there: remove it from `env`',
    ],
  },
  {
    code: 'E207',
    name: 'env_optional key also a secret',
    yaml: spec(...header, '  api:', '    image: busybox', '    env: {TOKEN: {secret: true}}', '    env_optional: [TOKEN]'),
    expected: [
      "orchgen.yaml:7:20: error[E207]: `TOKEN` of `api` is in `env_optional` and is also a secret in `env`",
      '  hint: a secret is read from the environment at start already, and must be set: remove it from `env_optional`',
    ],
  },
  {
    code: 'E207',
    name: 'env_optional key given a value in defaults.env',
    yaml: spec('version: 1', 'project: demo', 'defaults:', '  env: {TZ: UTC}', 'services:', '  api:', '    image: busybox', '    env_optional: [LANG, TZ]'),
    expected: [
      "orchgen.yaml:8:26: error[E207]: `TZ` of `api` is in `env_optional` and is given a value in `defaults.env`",
      '  hint: remove it from `defaults.env`',
    ],
  },
  {
    code: 'E207',
    name: 'key in env_required and in env_optional',
    yaml: spec(...header, '  api:', '    image: busybox', '    env_required: [TOKEN]', '    env_optional: [LANG, TOKEN]'),
    expected: [
      "orchgen.yaml:7:26: error[E207]: `TOKEN` of `api` is in `env_optional` and also in `env_required`",
      '  hint: `env_required` refuses to start without it, `env_optional` passes it on only when set: keep it in one',
    ],
  },
  {
    code: 'E207',
    name: 'a fallback gives a value to a key the service passes on',
    yaml: spec(
      ...header,
      '  api:',
      '    image: busybox',
      '    env_optional: [SES_USER]',
      '    fallbacks:',
      '      - name: local',
      '        set: {env: {SES_USER: local}}',
    ),
    expected: [
      "orchgen.yaml:9:31: error[E207]: `SES_USER` of `api` is in `env_optional` and is also given a value in `env` of fallback `local`",
      '  hint: a key in `env_optional` comes from the environment at start, when set there: remove it from `env`',
    ],
  },
  {
    code: 'E207',
    name: 'a fallback requires a key the service passes on',
    yaml: spec(
      ...header,
      '  api:',
      '    image: busybox',
      '    env_optional: [SES_USER]',
      '    fallbacks:',
      '      - name: strict',
      '        set: {env_required: [SES_USER]}',
    ),
    expected: [
      "orchgen.yaml:9:30: error[E207]: `SES_USER` of `api` is in `env_optional` and also in `env_required` of fallback `strict`",
      '  hint: `env_required` refuses to start without it, `env_optional` passes it on only when set: keep it in one',
    ],
  },
  {
    code: 'E208',
    name: 'two probes',
    yaml: spec(...header, '  api:', '    image: busybox', '    health:', '      tcp: 127.0.0.1:80', '      http: http://127.0.0.1/'),
    expected: [
      "orchgen.yaml:6:5: error[E208]: health check of `api` has `http` and `tcp`: give only one",
    ],
  },
  {
    code: 'E209',
    name: 'port out of range',
    yaml: spec(...header, '  api: {image: busybox, ports: ["70000:80"]}'),
    expected: [
      "orchgen.yaml:4:33: error[E209]: port 70000 in `70000:80` is out of range (1-65535)",
    ],
  },
  {
    code: 'E210',
    name: 'required dependency missing from a target',
    yaml: spec(...header, '  db:', '    command: [/usr/bin/db]', '  api:', '    image: busybox', '    depends_on: [db]'),
    expected: [
      "orchgen.yaml:8:18: error[E210]: `api` goes to compose but its required dependency `db` does not",
      "  hint: give `api` a `targets:` list without compose, or mark the dependency `required: false`",
      "orchgen.yaml:8:18: error[E210]: `api` goes to k8s but its required dependency `db` does not",
      "  hint: give `api` a `targets:` list without k8s, or mark the dependency `required: false`",
    ],
  },
  {
    code: 'E211',
    name: 'duplicate fallback name',
    yaml: spec(
      ...header,
      '  api:',
      '    image: busybox',
      '    fallbacks:',
      '      - {name: small, set: {env: {A: "1"}}}',
      '      - {name: small, set: {env: {A: "2"}}}',
    ),
    expected: [
      "orchgen.yaml:8:16: error[E211]: `api` has two fallbacks named `small`",
    ],
  },
  {
    code: 'E212',
    name: 'bad regex',
    yaml: spec(...header, '  api:', '    image: busybox', '    fallbacks:', '      - name: small', '        when: {log: "NCCL("}', '        set: {env: {A: "1"}}'),
    expected: [
      "orchgen.yaml:8:21: error[E212]: `when.log` of fallback `small` is not a valid regular expression: /NCCL(/: Unterminated group",
    ],
  },
  {
    code: 'E213',
    name: 'secret read from a variable the service sets',
    yaml: spec('version: 1', 'project: demo', 'defaults:', '  env: {DB_USER: app}', 'services:', '  api:', '    image: busybox', '    env: {DB_PASSWORD: {secret: true, from: DB_USER}}'),
    expected: [
      "orchgen.yaml:8:24: error[E213]: secret `DB_PASSWORD` of `api` is read from `DB_USER`, which `api` also sets in `env`",
      "  hint: the service's own `DB_USER` would hide the variable where programs inherit the environment (supervisord): read the secret from another variable",
    ],
  },
  {
    code: 'E213',
    name: 'in a fallback',
    yaml: spec(...header, '  api:', '    image: busybox', '    env: {MODE: gpu}', '    fallbacks:', '      - name: cpu', '        set: {env: {TOKEN: {secret: true, from: MODE}}}'),
    expected: [
      "orchgen.yaml:9:28: error[E213]: secret `TOKEN` of `api` is read from `MODE`, which `api` also sets in `env`",
      "  hint: the service's own `MODE` would hide the variable where programs inherit the environment (supervisord): read the secret from another variable",
    ],
  },
  {
    code: 'E214',
    name: 'size of a volume no service mounts',
    yaml: spec('version: 1', 'project: demo', 'services:', '  db:', '    image: postgres', '    volumes: [pgdata:/var/lib/postgresql/data, /srv/x:/x]', 'targets:', '  k8s:', '    volume_sizes: {pgdat: 20G, pgdata: 10G}'),
    expected: [
      "orchgen.yaml:9:27: error[E214]: `targets.k8s.volume_sizes` sizes `pgdat`, which no service mounts as a named volume",
      '  hint: did you mean `pgdata`?',
    ],
  },
  {
    code: 'E214',
    name: 'declaration of a volume no service mounts',
    yaml: spec('version: 1', 'project: demo', 'services:', '  db:', '    image: postgres', '    volumes: [pgdata:/var/lib/postgresql/data]', 'volumes:', '  pgdata: {name: old_pgdata}', '  pgdat: {external: true}'),
    expected: [
      "orchgen.yaml:9:10: error[E214]: `volumes` declares `pgdat`, which no service mounts as a named volume",
      '  hint: did you mean `pgdata`?',
    ],
  },
  {
    code: 'E215',
    name: 'devices on a host process',
    yaml: spec(...header, '  mixer:', '    command: [amixer]', '    devices: [/dev/snd]'),
    expected: [
      "orchgen.yaml:6:5: error[E215]: `mixer` runs as a host process, which sees the host's devices already: `devices` applies to containers only",
      '  hint: remove `devices`, or give the service an `image`',
    ],
  },
  {
    code: 'E215',
    name: 'container-only keys on a host process, in the service and in a fallback',
    yaml: spec(...header, '  worker:', '    command: [run]', '    entrypoint: [tini]', '    cap_add: [NET_ADMIN]', '    init: true', '    fallbacks:', '      - name: quiet', '        set: {logging: {driver: none}, extra_hosts: [db:10.0.0.5]}'),
    expected: [
      "orchgen.yaml:6:5: error[E215]: `worker` runs as a host process, which has no image entrypoint to replace (`command` is what it runs): `entrypoint` applies to containers only",
      '  hint: remove `entrypoint`, or give the service an `image`',
      "orchgen.yaml:7:5: error[E215]: `worker` runs as a host process, which has the capabilities of its user, which no container's default set limits: `cap_add` applies to containers only",
      '  hint: remove `cap_add`, or give the service an `image`',
      "orchgen.yaml:8:5: error[E215]: `worker` runs as a host process, which is started by its supervisor, which reaps it: `init` applies to containers only",
      '  hint: remove `init`, or give the service an `image`',
      "orchgen.yaml:11:15: error[E215]: `worker` runs as a host process, which logs where its supervisor puts its output, with no engine's log driver: `logging` applies to containers only",
      '  hint: remove `logging`, or give the service an `image`',
      "orchgen.yaml:11:40: error[E215]: `worker` runs as a host process, which reads the host's own /etc/hosts: `extra_hosts` applies to containers only",
      '  hint: remove `extra_hosts`, or give the service an `image`',
    ],
  },
  {
    code: 'E108',
    name: 'malformed capabilities and extra hosts',
    yaml: spec(...header, '  probe:', '    image: busybox', '    cap_add: [CAP_NET_ADMIN, net_admin, ALL]', '    extra_hosts: ["db=10.0.0.5", "db:10.0.0.5", "db:nowhere"]'),
    expected: [
      'orchgen.yaml:6:15: error[E108]: `services.probe.cap_add[0]` must be a capability such as NET_ADMIN, SYS_TIME or ALL, not `CAP_NET_ADMIN`',
      'orchgen.yaml:6:30: error[E108]: `services.probe.cap_add[1]` must be a capability such as NET_ADMIN, SYS_TIME or ALL, not `net_admin`',
      'orchgen.yaml:7:19: error[E108]: `services.probe.extra_hosts[0]` must be a host entry such as db.internal:10.0.0.5 or host.docker.internal:host-gateway, not `db=10.0.0.5`',
      'orchgen.yaml:7:49: error[E108]: `services.probe.extra_hosts[2]` must be a host entry such as db.internal:10.0.0.5 or host.docker.internal:host-gateway, not `db:nowhere`',
    ],
  },
  {
    code: 'E108',
    name: 'malformed devices',
    yaml: spec(...header, '  player:', '    image: busybox', '    devices: [/dev/snd, "dev/snd", "/dev/snd:/dev/snd:rwx", "/dev/snd:/dev/snd:rr", "/dev/snd:/dev/snd:mr"]'),
    expected: [
      'orchgen.yaml:6:25: error[E108]: `services.player.devices[1]` must be a device such as /dev/snd, /dev/ttyUSB0:/dev/ttyUSB0 or /dev/fuse:/dev/fuse:rw, not `dev/snd`',
      'orchgen.yaml:6:36: error[E108]: `services.player.devices[2]` must be a device such as /dev/snd, /dev/ttyUSB0:/dev/ttyUSB0 or /dev/fuse:/dev/fuse:rw, not `/dev/snd:/dev/snd:rwx`',
      'orchgen.yaml:6:61: error[E108]: `services.player.devices[3]` must be a device such as /dev/snd, /dev/ttyUSB0:/dev/ttyUSB0 or /dev/fuse:/dev/fuse:rw, not `/dev/snd:/dev/snd:rr`',
    ],
  },
  {
    code: 'W101',
    name: 'essential requires optional',
    yaml: spec(...header, '  cache: {image: redis, essential: false}', '  api:', '    image: busybox', '    depends_on: {cache: {condition: started, required: true}}'),
    expected: [
      "orchgen.yaml:7:18: warning[W101]: essential `api` requires optional `cache`: when `cache` fails, `api` and the stack fail with it",
      "  hint: set `required: false`, or make the dependency essential",
    ],
  },
  {
    code: 'W104',
    name: 'YAML warning',
    yaml: spec(...header, '  api: !custom {image: busybox}'),
    expected: [
      "orchgen.yaml:4:8: warning[W104]: Unresolved tag: !custom",
    ],
  },
  {
    code: 'W105',
    name: 'device mounted as a volume (shared memory is no device)',
    yaml: spec(...header, '  player:', '    image: busybox', '    volumes: [/dev/shm:/dev/shm, /dev/snd:/dev/snd]'),
    expected: [
      "orchgen.yaml:6:34: warning[W105]: `player` mounts the device /dev/snd as a volume: the container sees it but cannot open it (EPERM)",
      '  hint: give it with `devices: [/dev/snd]` instead',
    ],
  },
  {
    code: 'W106',
    name: 'a start interval with no start period',
    yaml: spec(...header, '  api:', '    image: busybox', '    health: {tcp: 127.0.0.1:80, start_interval: 1s}'),
    expected: [
      "orchgen.yaml:6:33: warning[W106]: `start_interval` of `api` has no effect: it has no `start_period`, and checks run at that pace only within it",
      '  hint: give `health.start_period` the time the service takes to start',
    ],
  },
  {
    code: 'W106',
    name: 'a start interval from the defaults, for a service with no start period (a GPU service has one by default)',
    yaml: spec('version: 1', 'project: demo', 'defaults: {health: {start_interval: 1s}}', 'services:', '  api:', '    image: busybox', '    health: {tcp: 127.0.0.1:80}', '  llm:', '    image: busybox', '    gpu: {count: 1}', '    health: {tcp: 127.0.0.1:81}'),
    expected: [
      "orchgen.yaml:3:21: warning[W106]: `start_interval` of `api` has no effect: it has no `start_period`, and checks run at that pace only within it",
      '  hint: give `health.start_period` the time the service takes to start',
    ],
  },
];
