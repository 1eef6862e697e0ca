import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { stringify } from 'yaml';

/** Each holds a token of its own, so finding one of its lines anywhere means the value leaked. */
export const distinctiveSecrets: string[] = [
  'Zx9-pa55w0rd-Qv',
  'Kp3 first line\nKp3 second line\n',
  ' Lw8 leading and trailing spaces ',
  `"Dq4" 'quoted' "both"`,
  'Mb6 $HOME ${PATH} $$ $(id) `id` ${X?boom}',
  'Rt2 100% %s %(here)s %%(ENV_HOME)s %',
  'Yh5 ; not a comment # nor this',
  `Gc1,a=b,"c"='d'`,
  'Nf7 back\\slash \\n \\" trailing\\',
  'Uj0 ünïcödé 😀 中文 \u00a0;\u3000#',
  'Ei2\ttab\r\ncarriage return \x01\x1b[0m\x7f',
  'Wo3 [section]\n[program:evil]\ncommand=/bin/false',
];

/** Short values, as hostile as the others but too common to look for in a file. */
export const bareSecrets: string[] = ['', ' ', '\\', '"', "'", '$', '%', '=', ',', ';', '#', '\n', '\\\n'];

export const hostileSecrets: string[] = [...distinctiveSecrets, ...bareSecrets];

/** The lines of the distinctive values worth looking for: a leak may split a value over lines. */
export function leakNeedles(): string[] {
  return [...new Set(distinctiveSecrets.flatMap((value) => [value, ...value.split(/\r\n|\n/)]).filter((line) => line.trim().length >= 6))];
}

/** Every needle found in `text`, as [where, needle]. */
export function leaksIn(where: string, text: string): Array<[string, string]> {
  return leakNeedles().flatMap((needle): Array<[string, string]> => (text.includes(needle) ? [[where, needle]] : []));
}

/** Every file under `dir`, by path. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

export const environProbe = new URL('./fixtures/environ-probe.py', import.meta.url).pathname;

export interface SecretStack {
  spec: string;
  /** What `orchgen up` must be started with. */
  env: Record<string, string>;
  /** The variables each service must receive. */
  expected: Record<string, string>;
  /** Where each service writes its environment: `proc` (a host process) and `box` (a container). */
  environ: Record<string, string>;
}

/**
 * A stack whose services write their environment to a file: every hostile value as a secret read
 * from another variable (`S<i>` from `VAULT_<i>`), one read from its own name, one from defaults.env,
 * and a fallback variant that adds one.
 */
export function writeSecretStack(dir: string, project: string, kinds: { python?: string; image?: string }, targets: object = {}): SecretStack {
  mkdirSync(dir, { recursive: true });
  const env: Record<string, string> = { VAULT_DEFAULT: distinctiveSecrets[0]!, VAULT_SAME: distinctiveSecrets[1]!, VAULT_FALLBACK: distinctiveSecrets[2]! };
  const expected: Record<string, string> = { PLAIN: 'plain', S_DEFAULT: env.VAULT_DEFAULT!, VAULT_SAME: env.VAULT_SAME! };
  const secrets: Record<string, object> = { VAULT_SAME: { secret: true } };
  hostileSecrets.forEach((value, index) => {
    env[`VAULT_${index}`] = value;
    expected[`S${index}`] = value;
    secrets[`S${index}`] = { secret: true, from: `VAULT_${index}` };
  });
  const fallbacks = [{ name: 'spare', set: { env: { S_FALLBACK: { secret: true, from: 'VAULT_FALLBACK' } } } }];
  const services: Record<string, object> = {};
  const environ: Record<string, string> = {};
  if (kinds.python) {
    environ.proc = join(dir, 'proc.environ');
    services.proc = { command: [kinds.python, environProbe, environ.proc], env: secrets, fallbacks };
  }
  if (kinds.image) {
    mkdirSync(join(dir, 'box'), { recursive: true });
    environ.box = join(dir, 'box', 'environ');
    const script = `cat /proc/self/environ > /out/environ.tmp && mv /out/environ.tmp /out/environ; trap 'exit 0' TERM INT; sleep 100000 & wait`;
    services.box = { image: kinds.image, command: ['sh', '-c', script], volumes: [`${join(dir, 'box')}:/out`], env: secrets, fallbacks };
  }
  const spec = join(dir, 'orchgen.yaml');
  const document = {
    version: 1,
    project,
    defaults: { restart: 'no', stop: { timeout: '1s' }, env: { PLAIN: 'plain', S_DEFAULT: { secret: true, from: 'VAULT_DEFAULT' } } },
    services,
    targets,
  };
  writeFileSync(spec, stringify(document));
  return { spec, env, expected, environ };
}

/** A NUL-separated environment, as /proc/PID/environ holds it. */
export function parseEnviron(bytes: Buffer): Record<string, string> {
  const entries = bytes.toString('utf8').split('\0').filter(Boolean);
  return Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

/** The expected variables as the service received them (undefined where one is missing). */
export function received(file: string, expected: Record<string, string>): Record<string, string | undefined> {
  const seen = parseEnviron(readFileSync(file));
  return Object.fromEntries(Object.keys(expected).map((key) => [key, seen[key]]));
}

/** Waits until a file exists; throws after the timeout. */
export async function waitForFile(file: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Removes a container a test's stack ran, should a stop have left it behind. */
export async function removeContainer(name: string): Promise<void> {
  await execa('docker', ['rm', '-f', name], { reject: false });
}

/** Every needle found in what `up` printed and in each file, as [where, needle]. */
export function leaksAfterUp(up: { stdout: string; stderr: string }, files: readonly string[]): Array<[string, string]> {
  return [...leaksIn('up stdout', up.stdout), ...leaksIn('up stderr', up.stderr), ...files.flatMap((file) => leaksIn(file, readFileSync(file, 'utf8')))];
}

/** Waits for each named service of the stack to write its environment, and reads back what it received. */
export async function receivedBy(stack: SecretStack, services: ReadonlyArray<'proc' | 'box'>): Promise<Array<Record<string, string | undefined>>> {
  const got: Array<Record<string, string | undefined>> = [];
  for (const service of services) {
    await waitForFile(stack.environ[service]!);
    got.push(received(stack.environ[service]!, stack.expected));
  }
  return got;
}
