import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileText } from '../../../src/pipeline/compile.js';
import type { Port } from '../../../src/model/types.js';
import { composeTarget } from '../../../src/targets/compose/index.js';
import { memoryText } from '../../../src/targets/compose/deploy.js';
import { literal } from '../../../src/targets/compose/escape.js';
import { uncarriable } from '../../../src/targets/shared/exact.js';
import { overrideOf } from '../../../src/targets/compose/fallback.js';
import { healthcheck, inContainer } from '../../../src/targets/compose/health.js';
import { fromSpecFolder } from '../../../src/targets/compose/mounts.js';
import { v2Uses } from '../../../src/targets/compose/v2.js';
import { Tagged, yamlBlock, yamlKey, yamlString } from '../../../src/targets/shared/yaml.js';
import { build } from './support.js';

const hostile = [
  '', ' ', '  lead and trail  ', '%', '100%d', '$HOME', '${X}', '$$', "it's", 'say "hi"', 'a ;b', 'a #b', '#x', '- x', 'key: v', ': ',
  'l1\nl2\n', '\n', 'a\rb', 'a\tb', 'c:\\path\\', '\\n', 'ünï😀', '[section]', '{a: b}', '*ref', '&anchor', '!tag', '|', '>', '@', '`',
  'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'null', '~', '0777', '0o17', '0x1F', '1_000', '1:20', '1e3', '.5', '.inf', '.nan', '2001-12-14',
  '\u0001\u001b\u007f\u0085\u00a0\u2028\u2029\ufeff\ufffe\uffff', '\u{10ffff}',
];

describe('YAML scalars', () => {
  it('read back exactly as YAML 1.1 (Compose v1) and 1.2 (Compose v2)', () => {
    const everything = Array.from({ length: 0xfffe }, (_, i) => i + 1)
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCharCode(c))
      .join('');
    for (const value of [...hostile, everything]) {
      for (const version of ['1.1', '1.2'] as const) {
        expect(parse(`k: ${yamlString(value)}\n`, { version })).toEqual({ k: value });
        expect(parse(yamlBlock({ k: [value] }), { version })).toEqual({ k: [value] });
      }
    }
  });

  it('quotes keys that YAML 1.1 would read as booleans or null', () => {
    expect(['ON', 'no', 'Yes', 'null', 'y', 'a b', '1x', 'PATH', 'my-svc', 'a.b'].map(yamlKey)).toEqual([
      '"ON"', '"no"', '"Yes"', '"null"', '"y"', '"a b"', '"1x"', 'PATH', 'my-svc', 'a.b',
    ]);
  });

  it('writes nested maps, lists, empty collections and tags', () => {
    const text = yamlBlock({ a: [{ b: 1, c: [] }, ['x']], d: {}, e: new Tagged('!override', ['y']), f: new Tagged('!reset', null), g: true, h: 1e-7 });
    expect(text).toBe('a:\n  - b: 1\n    c: []\n  - - "x"\nd: {}\ne: !override\n  - "y"\nf: !reset null\ng: true\nh: 1.0e-7\n');
  });
});

describe('exact values', () => {
  it('doubles every $ for Compose interpolation', () => {
    expect(literal('$HOME ${X} $$ a')).toBe('$$HOME $${X} $$$$ a');
  });

  it('refuses NUL and lone surrogates only', () => {
    expect(uncarriable('a\0b')).toMatch(/NUL/);
    expect(uncarriable('a\ud800b')).toMatch(/surrogate/);
    expect(uncarriable('a\udc00')).toMatch(/surrogate/);
    for (const value of hostile) expect(uncarriable(value)).toBeUndefined();
  });

  it('reports E301 naming the service, the key and the target', () => {
    const spec = `version: 1
project: p
services:
  api:
    image: busybox
    command: [sh, "-c", "a\\0b"]
    env: { GOOD: "x", BAD: "a\\0b" }
    fallbacks:
      - name: alt
        set:
          env: { ALSO: "\\0" }
`;
    const errors = build(spec).diagnostics.filter((d) => d.code === 'E301');
    expect(errors.map((d) => [d.message, d.path.join('.')])).toEqual([
      ['compose cannot carry env `BAD` of `api` exactly: it contains a NUL character', 'services.api.env.BAD'],
      ['compose cannot carry `command` of `api` exactly: it contains a NUL character', 'services.api.command.2'],
      ['compose cannot carry env `ALSO` of `api` exactly: it contains a NUL character', 'services.api.fallbacks.0.set.env.ALSO'],
    ]);
  });
});

describe('health checks inside the container', () => {
  const ports: Port[] = [
    { host: 8080, container: 80, protocol: 'tcp' },
    { host: 80, container: 8000, protocol: 'tcp' },
    { host: 5353, container: 53, protocol: 'udp' },
  ];
  const url = (u: string) => {
    const check = inContainer({ kind: 'http', url: u, status: 200 }, ports);
    return check.kind === 'http' ? check.url : '';
  };

  it('moves a published loopback port to the container port', () => {
    expect(url('http://127.0.0.1:8080/health?x=1')).toBe('http://127.0.0.1:80/health?x=1');
    expect(url('http://localhost:8080')).toBe('http://localhost:80');
    expect(url('http://[::1]:8080/h')).toBe('http://[::1]:80/h');
    expect(url('http://user:pw@127.0.0.1:8080/h')).toBe('http://user:pw@127.0.0.1:80/h');
    expect(url('http://127.0.0.1/h')).toBe('http://127.0.0.1:8000/h');
    // the same reading of a URL as every other target: scheme and host in any case, the rest as written
    expect(url('HTTP://LOCALHOST:8080/h#top')).toBe('HTTP://LOCALHOST:80/h#top');
    expect(inContainer({ kind: 'tcp', host: '127.0.0.1', port: 8080 }, ports)).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 80 });
    expect(inContainer({ kind: 'tcp', host: '::1', port: 8080 }, ports)).toEqual({ kind: 'tcp', host: '::1', port: 80 });
  });

  it('leaves other hosts, unpublished ports and udp mappings alone', () => {
    expect(url('http://db:8080/h')).toBe('http://db:8080/h');
    expect(url('http://10.0.0.1:8080/h')).toBe('http://10.0.0.1:8080/h');
    expect(url('http://127.0.0.1:9999/h')).toBe('http://127.0.0.1:9999/h');
    expect(url('https://127.0.0.1/h')).toBe('https://127.0.0.1/h');
    expect(inContainer({ kind: 'tcp', host: '127.0.0.1', port: 5353 }, ports)).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 5353 });
  });

  it('does not rewrite with the host network, and runs exec checks as written', () => {
    const health = { intervalMs: 1500, timeoutMs: 2000, retries: 2, startPeriodMs: 90_000 };
    expect(healthcheck({ ...health, check: { kind: 'tcp', host: '127.0.0.1', port: 8080 } }, ports, true)).toEqual({
      test: [
        'CMD-SHELL',
        'if command -v nc >/dev/null 2>&1; then { nc -z -w 2 127.0.0.1 8080 2>/dev/null || nc -w 2 127.0.0.1 8080 </dev/null; }; ' +
          `elif command -v bash >/dev/null 2>&1; then bash -c 'exec 3<>"/dev/tcp/$$1/$$2"' _ 127.0.0.1 8080 2>/dev/null; ` +
          "elif command -v python3 >/dev/null 2>&1; then python3 -c 'import socket,sys;socket.create_connection((sys.argv[1],int(sys.argv[2])),float(sys.argv[3])).close()' 127.0.0.1 8080 2 2>/dev/null; " +
          "else echo 'no nc, bash or python3 here to connect to 127.0.0.1:8080' >&2; exit 1; fi",
      ],
      interval: '1s500ms',
      timeout: '2s',
      retries: 2,
      start_period: '1m30s',
    });
    expect(healthcheck({ ...health, check: { kind: 'exec', command: { kind: 'exec', argv: ['pg_isready', '-U', '$USER'] } } }, ports, false).test).toEqual([
      'CMD', 'pg_isready', '-U', '$$USER',
    ]);
    expect(healthcheck({ ...health, check: { kind: 'exec', command: { kind: 'shell', script: 'test -f /ok' } } }, ports, false).test).toEqual(['CMD-SHELL', 'test -f /ok']);
  });
});

describe('paths and sizes', () => {
  it('makes spec-relative paths relative to the Compose folder', () => {
    expect(fromSpecFolder('./data', '..')).toBe('../data');
    expect(fromSpecFolder('data/x', '.')).toBe('./data/x');
    expect(fromSpecFolder('../shared', '../..')).toBe('../../../shared');
    expect(fromSpecFolder('/srv/x', '..')).toBe('/srv/x');
  });

  it('writes memory in the largest exact unit', () => {
    expect([512 * 1024 ** 2, 2 * 1024 ** 3, 3 * 1024, 1000, 1536 * 1024 ** 2].map(memoryText)).toEqual(['512m', '2g', '3k', '1000', '1536m']);
  });
});

describe('fallback overrides', () => {
  it('keeps what Compose merges and marks what needs !override or !reset', () => {
    const base = { image: 'a', command: ['x'], environment: { A: '1', B: '2' }, ports: ['1:1'], volumes: ['v:/data', './a:/a'], deploy: { resources: { limits: { memory: '1g', cpus: 1 } } } };
    expect(overrideOf(base, { ...base, command: ['y'], environment: { A: '1', B: '3' }, ports: ['1:1', '2:2'], volumes: ['w:/data', './a:/a'] })).toEqual({
      command: ['y'],
      environment: { B: '3' },
      ports: ['2:2'],
      volumes: ['w:/data'],
    });
    expect(overrideOf(base, { ...base, ports: ['2:2'], volumes: ['./a:/a'], deploy: { resources: { limits: { memory: '2g' } } } })).toEqual({
      ports: new Tagged('!override', ['2:2']),
      volumes: new Tagged('!override', ['./a:/a']),
      deploy: { resources: { limits: { memory: '2g', cpus: new Tagged('!reset', null) } } },
    });
  });

  it('finds the keys Compose v1 rejects', () => {
    const uses = v2Uses({ depends_on: { db: { condition: 'service_started', required: false } }, healthcheck: { start_interval: '1s' }, develop: {}, ports: new Tagged('!override', []) });
    expect(uses.map((u) => u.text)).toEqual(['develop', 'healthcheck.start_interval', 'depends_on.db.required', 'ports (!override)']);
    expect(v2Uses({ depends_on: { db: { condition: 'service_started' } }, healthcheck: { test: ['CMD', 'x'] } })).toEqual([]);
  });
});

describe('stack-wide settings', () => {
  it('passes env_required keys from the environment Compose runs in', () => {
    const built = build('version: 1\nproject: p\nservices:\n  api:\n    image: busybox\n    env_required: [TOKEN]\n');
    expect(built.files.get('compose/compose.yaml')).toContain('    environment:\n      TOKEN: "${TOKEN?TOKEN must be set (env_required of api)}"\n');
  });

  it('drops port mappings under network_mode host and says which cannot apply', () => {
    const built = build('version: 1\nproject: p\ntargets: { compose: { network_mode: host } }\nservices:\n  api:\n    image: busybox\n    ports: ["8080:80", "9090:9090"]\n    health: { http: "http://127.0.0.1:8080/" }\n');
    const text = built.files.get('compose/compose.yaml')!;
    expect(text).not.toContain('ports:');
    expect(text).toContain('    network_mode: "host"\n');
    expect(text).toContain('http://127.0.0.1:8080/');
    expect(built.diagnostics.filter((d) => d.path.includes('ports')).map((d) => [d.code, d.path.join('.')])).toEqual([['W103', 'services.api.ports.0']]);
  });

  it('writes `start_interval` where the spec gives one, named for Compose v1 in the header and a warning', () => {
    const built = build('version: 1\nproject: p\ndefaults: { health: { start_interval: 250ms } }\nservices:\n  api:\n    image: busybox\n    health: { tcp: "127.0.0.1:80", interval: 5s, start_period: 30s }\n  db:\n    image: busybox\n    health: { tcp: "127.0.0.1:81", start_period: 10s, start_interval: 2s }\n');
    const text = built.files.get('compose/compose.yaml')!;
    const parsed = parse(text) as { services: Record<string, { healthcheck: Record<string, unknown> }> };
    expect([parsed.services.api!.healthcheck.start_period, parsed.services.api!.healthcheck.start_interval]).toEqual(['30s', '250ms']);
    expect([parsed.services.db!.healthcheck.start_period, parsed.services.db!.healthcheck.start_interval]).toEqual(['10s', '2s']);
    expect(text).toContain('healthcheck.start_interval');
    expect(built.diagnostics.filter((d) => d.message.includes('start_interval')).map((d) => d.code)).toEqual(['W103']);
  });

  it('merges native.compose into the service, maps key by key', () => {
    const built = build('version: 1\nproject: p\nservices:\n  api:\n    image: busybox\n    resources: { memory: 1G }\n    native:\n      compose:\n        restart: unless-stopped\n        deploy: { resources: { limits: { cpus: "2" } } }\n        labels: { a: b }\n');
    const parsed = parse(built.files.get('compose/compose.yaml')!) as { services: { api: Record<string, unknown> } };
    expect(parsed.services.api.restart).toBe('unless-stopped');
    expect(parsed.services.api.deploy).toEqual({ resources: { limits: { memory: '1g', cpus: '2' } } });
    expect(parsed.services.api.labels).toEqual({ a: 'b' });
  });

  it('writes nothing when no service runs in a container', () => {
    const compiled = compileText('orchgen.yaml', 'version: 1\nproject: p\nservices:\n  api:\n    command: [sleep, "1"]\n', ['compose', 'pm2']);
    expect(composeTarget.render({ model: compiled.model!, plan: compiled.plan!, services: [], sourceDir: '..' })).toEqual({ artifacts: [], diagnostics: [] });
  });
});
