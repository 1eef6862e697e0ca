import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTool, hasSystemdImage, tempDir, type SystemdContainer, type TempDir } from '../../support/tools.js';
import { installUnits, probeProgram, removeProjectContainers, runId, startLiveContainer, waitForFile } from './live.js';
import { errorsOf, renderSpec, sh } from './support.js';

/** The values every target must carry byte for byte. */
const hostile = [
  '100%', '%n %% %', '$HOME', '${HOME}', '$$', '$', "it's", '"double"', '\'', '"', 'a ;', ' ;', ';', '\\;', ' #not a comment', '#',
  'line 1\nline 2', '\r\n', 'back\\slash', 'trailing\\', '\\', 'a\\nb', 'ünïcödé 😀 中文', '', '  lead and trail  ', '[section]',
  'tab\there', '\x01\x1b[0m\x7f', '-x', '@x', '--flag=value with spaces', 'a=b', '`id`', '$(id)', '*', '~',
];
const env = Object.fromEntries(hostile.map((value, index) => [`K${index}`, value]));
const script = `/opt/probe.py /var/lib/probe/shell.json; : ${hostile.map((v) => `'${v.replace(/'/g, `'\\''`)}'`).join(' ')}`;

await describeWithTool('values reach systemd services byte for byte', hasSystemdImage, () => {
  let container: SystemdContainer;
  let work: TempDir;

  beforeAll(async () => {
    container = await startLiveContainer('systemd-roundtrip');
    work = await tempDir('orchgen-systemd-roundtrip-');
    await container.exec(['sh', '-c', 'cat > /opt/probe.py && chmod +x /opt/probe.py && mkdir -p /var/lib/probe'], { input: probeProgram });
  });
  const projects: string[] = [];
  const newProject = (prefix: string) => {
    projects.push(runId(prefix));
    return projects[projects.length - 1]!;
  };
  afterAll(async () => {
    await container?.stop();
    await removeProjectContainers(projects);
    await work?.cleanup();
  });

  it('process services: every argument, env value and shell script as written', async () => {
    const project = newProject('rt');
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: {
          argv: { command: ['/opt/probe.py', '/var/lib/probe/argv.json', ...hostile], env, restart: 'no' },
          shell: { command: script, env, restart: 'no' },
        },
      }),
    );
    expect(rendered.diagnostics).toEqual([]);
    await installUnits(container, rendered.artifacts);
    await sh(container, `systemctl start ${project}.target`);

    const argv = JSON.parse(await waitForFile(container, '/var/lib/probe/argv.json'));
    expect(argv.argv).toEqual(hostile);
    for (const [key, value] of Object.entries(env)) expect([key, argv.env[key]]).toEqual([key, value]);

    const shell = JSON.parse(await waitForFile(container, '/var/lib/probe/shell.json'));
    expect(shell.parent).toEqual(['/bin/sh', '-c', script]);
    for (const [key, value] of Object.entries(env)) expect([key, shell.env[key]]).toEqual([key, value]);
  });

  it('a hardened process service still runs and gets its values', async () => {
    const project = newProject('rh');
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: { probe: { command: ['/opt/probe.py', '/var/lib/probe/hardened.json', ...hostile], env, restart: 'no' } },
        targets: { systemd: { hardening: true } },
      }),
    );
    expect(rendered.artifacts[0]!.content).toContain('ProtectSystem=full\n');
    await installUnits(container, rendered.artifacts);
    await sh(container, `systemctl start ${project}.target`);
    const out = JSON.parse(await waitForFile(container, '/var/lib/probe/hardened.json'));
    expect(out.argv).toEqual(hostile);
    expect(Object.fromEntries(Object.keys(env).map((k) => [k, out.env[k]]))).toEqual(env);
  });

  it('container services (hardened docker CLI): values reach the container through -e KEY, arguments through docker run', async () => {
    const project = newProject('rc');
    const out = path.join(work.path, 'container');
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: {
          box: {
            image: 'orchgen-test/busybox:1',
            command: ['/bin/sh', '-c', 'cat /proc/self/environ > /out/environ.tmp; printf "%s\\0" "$@" > /out/argv; mv /out/environ.tmp /out/environ', 'sh', ...hostile],
            env,
            volumes: [`${out}:/out`],
            restart: 'no',
          },
        },
        targets: { systemd: { hardening: true } },
      }),
    );
    expect(rendered.diagnostics).toEqual([]);
    expect(rendered.artifacts[0]!.content).toContain('ProtectSystem=strict\n');
    await installUnits(container, rendered.artifacts);
    await mkdir(out, { recursive: true });
    await sh(container, `systemctl start ${project}.target`);
    const environ = await waitForHostFile(path.join(out, 'environ'));
    const seen = Object.fromEntries(environ.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    expect(Object.fromEntries(Object.keys(env).map((k) => [k, seen[k]]))).toEqual(env);
    const args = (await readFile(path.join(out, 'argv'), 'utf8')).split('\0').slice(0, -1);
    expect(args).toEqual(hostile);
    const unit = `${project}-box.service`;
    await sh(container, `timeout 20 sh -c 'until [ "$(systemctl show -p ActiveState --value ${unit})" = inactive ]; do sleep 0.2; done'`);
    expect(await sh(container, `systemctl show -p Result,ExecMainStatus ${unit}`)).toBe('Result=success\nExecMainStatus=0');
  });

  it('a fallback drop-in placed in the unit\'s .d folder turns the service into the variant', async () => {
    const project = newProject('rf');
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: {
          probe: {
            command: ['/opt/probe.py', '/var/lib/probe/normal.json', 'normal'],
            env: { MODE: 'gpu', KEEP: 'kept "as is" 100%' },
            gpu: { count: 2 },
            restart: 'no',
            fallbacks: [{ name: 'cpu', set: { command: ['/opt/probe.py', '/var/lib/probe/variant.json', 'variant', ...hostile], env: { MODE: 'cpu $1 ;' }, gpu: { count: 'all' } } }],
          },
        },
      }),
    );
    const unit = `${project}-probe.service`;
    const dropIn = rendered.artifacts.find((a) => a.path === 'fallbacks/probe/cpu.conf')!;
    await installUnits(container, rendered.artifacts);
    await container.exec(['sh', '-c', `mkdir -p /etc/systemd/system/${unit}.d && cat > /etc/systemd/system/${unit}.d/cpu.conf`], { input: dropIn.content });
    await sh(container, `systemctl daemon-reload && systemctl start ${unit}`);
    const out = JSON.parse(await waitForFile(container, '/var/lib/probe/variant.json'));
    expect(out.argv).toEqual(['variant', ...hostile]);
    expect([out.env.MODE, out.env.KEEP, out.env.CUDA_VISIBLE_DEVICES]).toEqual(['cpu $1 ;', 'kept "as is" 100%', undefined]);
    expect((await container.exec(['test', '-e', '/var/lib/probe/normal.json'])).exitCode).not.toBe(0);
  });

  it('what systemd cannot carry is refused with E301, never written', () => {
    const rendered = renderSpec(stringify({ version: 1, project: 'x', services: { s: { command: ['/opt/probe.py', 'a\0b'], env: { NUL: 'a\0b' } } } }));
    expect(errorsOf(rendered).map((d) => [d.code, d.path])).toEqual([
      ['E301', ['services', 's', 'env', 'NUL']],
      ['E301', ['services', 's', 'command', 1]],
    ]);
    expect(rendered.artifacts[0]!.content).not.toMatch(/NUL=|ExecStart=/);
  });
});

async function waitForHostFile(file: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
