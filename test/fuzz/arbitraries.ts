/**
 * fast-check arbitraries for valid orchgen specs, built from the shapes of
 * schema/orchgen.schema.json, with hostile text wherever the schema allows free text.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';

/** Text that has broken ini, shell, YAML and JS writers before. */
export const hostilePieces = [
  '%', '%%', '%(here)s', '%s', '$', '$$', '${HOME}', '$(id)', '`id`', "'", '"', '\\', '\\n', ' ;', ' #', ';', '#', '\n', '\r\n', '\t',
  '[section]', '[program:evil]', '\ncommand=/bin/false', '\n[Service]\nExecStart=/bin/false', 'é', '✓', '日本', '🚀', '\u00a0', '\u2028', ' ', '  ',
  '=', 'a=b', ',', '{', '}', '[', ']', ':', ': ', '- ', '&a', '*a', '!tag', '|', '>', '@', '\u0000', '\u0007', '\u001b[31m', '</script>', '*/', '//', '...', '---',
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostilePieces) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);

/** Any string, often assembled from hostile pieces; empty and space-padded ones included. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '  lead and trail  ', '1.0', '0x1F', 'true', 'null', '~', 'yes', 'no') },
);

const nameTail = fc.stringMatching(/^[a-z0-9-]{0,14}$/);
export const name = fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), nameTail).map(([a, b]) => a + b);

const envName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
const envValue = fc.oneof(
  { weight: 8, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
  { weight: 1, arbitrary: fc.boolean() },
);
export const env = fc.dictionary(envName, envValue, { maxKeys: 5 });

/** Now and then a value at the schema's bound, so the properties reach the largest numbers a target writes. */
const orBound = <T>(common: fc.Arbitrary<T>, ...bounds: T[]) => fc.oneof({ weight: 9, arbitrary: common }, { weight: 1, arbitrary: fc.constantFrom(...bounds) });

const everyDuration = fc
  .record({ h: fc.option(fc.integer({ min: 0, max: 3 })), m: fc.option(fc.integer({ min: 0, max: 59 })), s: fc.option(fc.integer({ min: 1, max: 90 })), ms: fc.option(fc.integer({ min: 1, max: 999 })) })
  .map(({ h, m, s, ms }) => `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}${ms ? `${ms}ms` : ''}` || '1s');
const duration = orBound(everyDuration, '99999h99999m99999s99999ms', '99999ms', '0s');
/** Health intervals and timeouts: zero is refused (Docker would read it as its 30s default). */
const positiveDuration = orBound(everyDuration, '99999h99999m99999s99999ms', '99999ms', '1ms');

const size = orBound(
  fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('', 'K', 'M', 'G', 'k', 'm')).map(([n, u]) => `${n}${u}`),
  '999999999999999',
  '999999999999K',
  '999T',
);

const argv = fc.array(hostileString, { minLength: 1, maxLength: 5 }).map((args) => (args[0] === '' ? ['/bin/prog', ...args.slice(1)] : args));
const script = hostileString.filter((s) => s.length > 0);
export const command = fc.oneof(argv, script);

const image = fc
  .tuple(fc.constantFrom('busybox', 'ghcr.io/acme/api', 'redis', 'localhost:5000/x/y', 'vllm/vllm-openai'), fc.constantFrom(':1', ':1.36', ':latest', '@sha256:' + 'a'.repeat(64), ''))
  .map(([a, b]) => a + b);

const httpUrl = fc.tuple(fc.constantFrom('http', 'https'), fc.integer({ min: 1, max: 65535 }), fc.constantFrom('/', '/health', '/a b', "/it's", '/%41?x=$y&z="1"', '')).map(([s, p, path]) => `${s}://127.0.0.1:${p}${path}`);

const healthCheck = fc.oneof(
  httpUrl.map((http) => ({ http })),
  fc.record({ url: httpUrl, status: fc.integer({ min: 100, max: 599 }) }).map((http) => ({ http })),
  fc.tuple(fc.constantFrom('127.0.0.1', 'localhost', '[::1]', 'db.internal'), fc.integer({ min: 1, max: 65535 })).map(([h, p]) => ({ tcp: `${h}:${p}` })),
  command.map((exec) => ({ exec })),
);
const health = fc
  .tuple(healthCheck, fc.record({ interval: positiveDuration, timeout: positiveDuration, retries: orBound(fc.integer({ min: 1, max: 10 }), 1000), start_period: duration, start_interval: positiveDuration }, { requiredKeys: [] }))
  .map(([check, timings]) => ({ ...check, ...timings }));

const policy = fc.constantFrom('always', 'on-failure', 'no');
const restart = fc.oneof(
  policy,
  fc.record(
    { policy, delay: duration, max_attempts: orBound(fc.integer({ min: 1, max: 20 }), 10_000), backoff: fc.constantFrom('fixed', 'exponential'), max_delay: duration },
    { requiredKeys: [] },
  ),
);
const stop = fc.record({ signal: fc.constantFrom('SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGKILL', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'), timeout: duration }, { requiredKeys: [] });
const resources = fc.record({ memory: size, cpus: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.constantFrom(0.5, 1.5, 0.25, 4096)) }, { requiredKeys: [] });
const gpu = fc.oneof(
  fc.record({ count: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(64, 'all' as const)) }),
  fc.record({ device_ids: fc.uniqueArray(fc.constantFrom('0', '1', '2', 'GPU-3b1c'), { minLength: 1, maxLength: 3 }) }),
).chain((g) => fc.option(fc.uniqueArray(fc.constantFrom('gpu', 'compute', 'utility'), { minLength: 1, maxLength: 2 }), { nil: undefined }).map((capabilities) => (capabilities ? { ...g, capabilities } : g)));

const when = fc.record(
  { log: fc.constantFrom('NCCL|unhandled', 'out of memory', '^error: .*$', '\\[x\\]', "it's %d \\$"), exit_codes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 3 }), health_timeout: fc.boolean() },
  { requiredKeys: [] },
);

export interface GenService {
  name: string;
  spec: Record<string, unknown>;
  hasHealth: boolean;
}

export interface GenOptions {
  /** Keys beyond image, command and env (health, restart, fallbacks...). */
  rich: boolean;
  maxServices: number;
}

function serviceBody(rich: boolean) {
  const core = fc.record(
    {
      kind: fc.constantFrom('container', 'process'),
      image,
      command,
      env,
      description: hostileString.filter((s) => !/[\n\r\u2028\u2029]/.test(s)),
    },
    { requiredKeys: ['kind', 'image', 'command'] },
  );
  if (!rich) return core.map((c) => ({ c, extra: {} as Record<string, unknown> }));
  const extra = fc.record(
    {
      health,
      restart,
      stop,
      resources,
      gpu,
      essential: fc.boolean(),
      workdir: fc.constantFrom('/srv/app', '/opt/a b', "/opt/it's", '/'),
      user: fc.constantFrom('app', 'www-data', 'nobody'),
      network: fc.constantFrom('host', 'bridge', 'none'),
      volumes: fc.uniqueArray(fc.constantFrom('data:/data', '/srv/x:/x:ro', 'cache:/cache:rw', './conf:/conf:ro'), { maxLength: 2 }),
      env_file: fc.constantFrom('app.env', '/etc/app.env'),
      env_required: fc.uniqueArray(fc.constantFrom('TOKEN', 'SECRET_KEY'), { minLength: 1, maxLength: 2 }),
      env_optional: fc.uniqueArray(fc.constantFrom('SES_USER', 'RELAY_HOST'), { minLength: 1, maxLength: 2 }),
      fallbacks: fc.array(
        fc.record({ name, when, set: fc.record({ env, command, gpu, stop, restart, resources }, { requiredKeys: [] }) }, { requiredKeys: ['name', 'set'] }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: [] },
  );
  return fc.tuple(core, extra).map(([c, e]) => ({ c, extra: e as Record<string, unknown> }));
}

/** A spec the schema and every check accept: unique names and ports, acyclic dependencies, `healthy` only on a health check. */
export function specArbitrary(options: GenOptions) {
  return fc
    .record({
      project: name,
      projectDir: options.rich ? fc.option(fc.constantFrom('/srv/app', '/opt/a b/', "/opt/it's", '/'), { nil: undefined }) : fc.constant(undefined),
      names: fc.uniqueArray(name, { minLength: 1, maxLength: options.maxServices }),
      defaults: options.rich
        ? fc.option(fc.record({ restart, stop, env, resources, health: fc.record({ interval: positiveDuration, retries: fc.integer({ min: 1, max: 5 }) }, { requiredKeys: [] }) }, { requiredKeys: [] }), { nil: undefined })
        : fc.constant(undefined),
      depSeed: fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.constantFrom('list', 'map', 'long'), fc.constantFrom('started', 'healthy', 'completed'), fc.boolean()), { maxLength: 8 }),
      portSeed: fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.constantFrom('', '127.0.0.1:'), fc.constantFrom('', '/tcp', '/udp')), { maxLength: 4 }),
      targets: fc.option(fc.record({ systemd: fc.record({ engine: fc.constantFrom('docker', 'podman'), hardening: fc.boolean() }, { requiredKeys: [] }), supervisor: fc.constant({ log_dir: '/var/log/x y' }) }, { requiredKeys: [] }), { nil: undefined }),
    })
    .chain((base) =>
      fc.tuple(...base.names.map(() => serviceBody(options.rich))).map((bodies) => assemble(base, bodies)),
    );
}

type Base = {
  project: string;
  projectDir: string | undefined;
  names: string[];
  defaults: Record<string, unknown> | undefined;
  depSeed: Array<[number, string, string, boolean]>;
  portSeed: Array<[number, string, string]>;
  targets: Record<string, unknown> | undefined;
};

function assemble(base: Base, bodies: Array<{ c: Record<string, unknown>; extra: Record<string, unknown> }>): GeneratedSpec {
  const services: Record<string, Record<string, unknown>> = {};
  const withHealth = new Set<string>();
  base.names.forEach((n, i) => {
    const { c, extra } = bodies[i]!;
    const s: Record<string, unknown> = {};
    if (c.description !== undefined) s.description = c.description;
    if (c.kind === 'container') s.image = c.image;
    if (c.kind === 'process' || Math.abs(i % 2) === 0) s.command = c.command;
    if (c.env !== undefined) s.env = c.env;
    for (const [k, v] of Object.entries(extra)) {
      if (k === 'network' && c.kind !== 'container') continue;
      if (k === 'fallbacks') {
        const seen = new Set<string>();
        const list = (v as Array<{ name: string }>).filter((f) => !seen.has(f.name) && seen.add(f.name));
        if (list.length > 0) s.fallbacks = list;
        continue;
      }
      s[k] = v;
    }
    // env_required and env_optional keys must not be given a value in env, nor in a fallback's
    const fromEnvironment = [...((s.env_required as string[] | undefined) ?? []), ...((s.env_optional as string[] | undefined) ?? [])];
    if (s.env) {
      const env = { ...(s.env as Record<string, unknown>) };
      for (const k of fromEnvironment) delete env[k];
      s.env = env;
    }
    if (Array.isArray(s.fallbacks)) {
      for (const f of s.fallbacks as Array<{ set: Record<string, unknown> }>) {
        if (f.set.env) for (const k of fromEnvironment) delete (f.set.env as Record<string, unknown>)[k];
      }
    }
    if (s.health) withHealth.add(n);
    services[n] = s;
  });
  // acyclic: a service depends only on services declared before it
  base.depSeed.forEach(([seed, form, condition, required], j) => {
    const i = (seed + j) % base.names.length;
    if (i === 0) return;
    const self = base.names[i]!;
    const dep = base.names[seed % i]!;
    const cond = condition === 'healthy' && !withHealth.has(dep) ? 'started' : condition;
    const s = services[self]!;
    // a container goes to compose and k8s, where a host process (its dependency) cannot
    if (s.image !== undefined && services[dep]!.image === undefined) return;
    const current = s.depends_on as unknown;
    if (form === 'list' && (current === undefined || Array.isArray(current))) {
      const list = (current as string[] | undefined) ?? [];
      if (!list.includes(dep)) s.depends_on = [...list, dep];
    } else if (current === undefined || !Array.isArray(current)) {
      const map = (current as Record<string, unknown> | undefined) ?? {};
      map[dep] = form === 'long' ? { condition: cond, required } : cond;
      s.depends_on = map;
    }
  });
  // unique host ports across the stack
  const used = new Set<number>();
  base.portSeed.forEach(([seed, ip, proto], j) => {
    const n = base.names[(seed + j) % base.names.length]!;
    const host = 20000 + ((seed * 7 + j) % 30000);
    if (used.has(host)) return;
    used.add(host);
    const s = services[n]!;
    s.ports = [...((s.ports as string[]) ?? []), `${ip}${host}:${(seed % 65535) + 1}${proto}`];
  });
  const spec: Record<string, unknown> = { version: 1, project: base.project };
  if (base.projectDir !== undefined) spec.project_dir = base.projectDir;
  if (base.defaults) spec.defaults = base.defaults;
  spec.services = services;
  if (base.targets) spec.targets = base.targets;
  return { data: spec, text: toYaml(spec) };
}

export interface GeneratedSpec {
  data: Record<string, unknown>;
  text: string;
}

/** Spec data as YAML text (the inverse of parsing, for mutated data). */
export function toYaml(data: unknown): string {
  const text = stringify(data, { lineWidth: 0 });
  // The yaml package writes a string whose first line holds only blanks (" \n") as a literal block
  // without an indentation indicator, which reads back without those blanks: quoted, it is exact.
  if (JSON.stringify(parse(text)) === JSON.stringify(data)) return text;
  const quoted = stringify(data, { lineWidth: 0, blockQuote: false });
  // A quoted string that holds a carriage return before blanks and a line break can come back
  // otherwise too; JSON, which is YAML, always reads back as written.
  return JSON.stringify(parse(quoted)) === JSON.stringify(data) ? quoted : JSON.stringify(data, null, 2);
}
