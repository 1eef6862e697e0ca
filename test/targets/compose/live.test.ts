import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { composeClis, type ComposeCli } from '../../support/compose-cli.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasDocker, tempDir, type TempDir } from '../../support/tools.js';
import { build, buildTo } from './support.js';

/** Values Compose, YAML or a shell could change on the way. */
const hostileEnv: Record<string, string> = {
  PCT: '100% %d %%',
  DOLLAR: '$HOME ${X} $$ $(id) `id`',
  SQ: "it's 'quoted'",
  DQ: 'say "hi"',
  SEMI: 'a ;b',
  HASH: 'a #b',
  NL: 'l1\nl2\n',
  BS: 'c:\\path\\ \\n',
  UNI: 'ünï 😀 \u2028',
  EMPTY: '',
  SP: '  both  ',
  SECT: '[section]',
  BOOL: 'yes',
  NUM: '0777',
  SEXA: '1:20',
  TILDE: '~',
  NULLISH: 'null',
  COLON: 'key: value',
  CTRL: 'a\tb\rc\u0001',
};
const hostileArgs = ['a b', '$HOME', '${X}', '%d', "'q'", '"dq"', ' ;x', ' #y', 'l1\nl2', 'back\\slash', 'ünï😀', '', ' lead', 'trail ', '[section]', 'yes', '0777', '1:20', '~', '- dash', 'key: v', '*star'];

const yamlList = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
const yamlEnv = (env: Record<string, string>) => Object.entries(env).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`).join('\n');

let dirs: TempDir[] = [];
let projects: Array<{ dir: string; cli: ComposeCli }> = [];

afterEach(async () => {
  for (const p of projects) await p.cli.run(['down', '-v', '--remove-orphans'], p.dir, {}, 120_000);
  for (const d of dirs) await d.cleanup();
  dirs = [];
  projects = [];
});

async function stack(spec: string, cli: ComposeCli): Promise<{ root: string; composeDir: string }> {
  const dir = await tempDir('orchgen-compose-live-');
  dirs.push(dir);
  await mkdir(join(dir.path, 'out'), { recursive: true });
  const built = await buildTo(spec, join(dir.path, 'orchgen.yaml'), join(dir.path, 'build'));
  expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  projects.push({ dir: built.composeDir, cli });
  return { root: dir.path, composeDir: built.composeDir };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const uptime = async (file: string) => Number((await readFile(file, 'utf8')).split(' ')[0]);

async function waitForFile(file: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if ((await readFile(file, 'utf8')).length > 0) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('compose output a container cannot receive', () => {
  it('refuses what a container cannot receive (E301) instead of writing it', () => {
    const spec = `version: 1\nproject: p\nservices:\n  probe:\n    image: ${BUSYBOX_IMAGE}\n    command: ["sh", "a\\0b"]\n    env: { OK: "x", NUL: "a\\0b" }\n`;
    const errors = build(spec).diagnostics.filter((d) => d.code === 'E301');
    expect(errors.map((d) => d.path.join('.'))).toEqual(['services.probe.env.NUL', 'services.probe.command.1']);
    for (const d of errors) expect(d.message).toMatch(/^compose cannot carry .* of `probe` exactly/);
  });
});

for (const cli of composeClis) {
  await describeWithTool(`compose stacks run (${cli.name}, ${BUSYBOX_IMAGE})`, allTools(hasDocker, hasBusyboxImage, cli.check), () => liveSuite(cli));
}

function liveSuite(cli: ComposeCli): void {
  it('carries hostile env values and arguments byte for byte, under the project name', async () => {
    const project = `orchgen-rt-${cli.version}-${process.pid}`;
    const spec = `version: 1
project: ${project}
targets: { compose: { network_mode: host } }
services:
  probe:
    image: ${BUSYBOX_IMAGE}
    restart: "no"
    volumes: ["./out:/out"]
    command: ${yamlList(['sh', '-c', 'cat /proc/self/environ > /out/env; for a in "$@"; do printf "%s\\0" "$a"; done > /out/argv', 'sh', ...hostileArgs])}
    env:
${yamlEnv(hostileEnv)}
`;
    const { root, composeDir } = await stack(spec, cli);
    const up = await cli.run(['up', '--no-color'], composeDir, {}, 120_000);
    expect(up.exitCode, up.stderr).toBe(0);

    const labels = await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Label "com.docker.compose.service"}}']);
    expect(labels.stdout.trim()).toBe('probe');

    const argv = (await readFile(join(root, 'out/argv'), 'utf8')).split('\0').slice(0, -1);
    expect(argv).toEqual(hostileArgs);
    const environ = (await readFile(join(root, 'out/env'), 'utf8')).split('\0').slice(0, -1);
    const env = new Map(environ.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
    for (const [key, value] of Object.entries(hostileEnv)) expect([key, env.get(key)]).toEqual([key, value]);
  }, 180_000);

  it('starts a service_healthy dependent only once the dependency answers', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const spec = `version: 1
project: orchgen-hg-${cli.version}-${process.pid}
targets: { compose: { network_mode: host } }
services:
  db:
    image: ${BUSYBOX_IMAGE}
    stop: { timeout: 1s }
    volumes: ["./out:/out"]
    command: ["sh", "-c", "cat /proc/uptime > /out/db-start; sleep 3; cat /proc/uptime > /out/db-serving; exec httpd -f -p 127.0.0.1:${port} -h /out/www"]
    health: { exec: ["wget", "-q", "-O", "/dev/null", "${url}"], interval: 500ms, timeout: 2s, retries: 40 }
  api:
    image: ${BUSYBOX_IMAGE}
    restart: "no"
    volumes: ["./out:/out"]
    depends_on: { db: healthy }
    command: ["sh", "-c", "cat /proc/uptime > /out/api-start; wget -q -O /out/api-saw ${url}"]
`;
    const { root, composeDir } = await stack(spec, cli);
    await mkdir(join(root, 'out/www'), { recursive: true });
    await writeFile(join(root, 'out/www/index.html'), 'ready\n');
    const up = await cli.run(['up', '-d', '--no-color'], composeDir, {}, 120_000);
    expect(up.exitCode, up.stderr).toBe(0);
    await waitForFile(join(root, 'out/api-saw'), 60_000);

    const dbStart = await uptime(join(root, 'out/db-start'));
    const dbServing = await uptime(join(root, 'out/db-serving'));
    const apiStart = await uptime(join(root, 'out/api-start'));
    expect(apiStart).toBeGreaterThanOrEqual(dbServing);
    expect(apiStart - dbStart).toBeGreaterThanOrEqual(3);
    expect(await readFile(join(root, 'out/api-saw'), 'utf8')).toBe('ready\n');
  }, 180_000);
}
