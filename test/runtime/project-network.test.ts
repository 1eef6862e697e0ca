/**
 * The project network as PM2's and supervisord's container wrapper makes it, and as Compose takes
 * it: several wrappers started at once make one network, the last one out removes it; a network
 * made with the targets' labels is Compose's own (v2 and v1), and a wrapper joins the one Compose made.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { networkLabelArgs } from '../../src/targets/shared/container/network.js';
import { containerWrapper } from '../../src/targets/shared/container/wrapper.js';
import { cliEntry } from '../cli/run.js';
import { composeV1, composeV2, type ComposeCli } from '../support/compose-cli.js';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasDocker, hasPythonOnlyImage, PYTHON_ONLY_IMAGE, tempDir, type TempDir } from '../support/tools.js';
import { until as pollUntil } from '../conformance/look.js';

const docker = async (...args: string[]) => {
  const r = await execa('docker', args, { reject: false, stdin: 'ignore', all: true });
  return { code: r.exitCode ?? -1, out: String(r.all ?? '') };
};

/** Ids of the networks of exactly this name: engine 20.10 lets two have one name. */
async function networkIds(name: string): Promise<string[]> {
  const listed = await docker('network', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Name}}');
  return listed.out.split('\n').filter((line) => line.endsWith(` ${name}`)).map((line) => line.split(' ')[0]!);
}

/** `sh -c WRAPPER sh NAME PROJECT docker run ...`, as the PM2 and supervisord targets write it. */
function wrapped(project: string, name: string, alias: string, image: string, command: string[]) {
  const run = ['docker', 'run', '--rm', '--name', name, '--network', `${project}_default`, '--network-alias', alias, image, ...command];
  return execa('sh', ['-c', containerWrapper(true), 'sh', name, project, ...run], { reject: false, stdin: 'ignore', all: true });
}

/** Polls until `probe` says true, as the conformance suite's `until` does for a value. */
function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<true> {
  return pollUntil(what, async () => (await probe()) || undefined, timeoutMs);
}

async function cleanUp(project: string): Promise<void> {
  const names = (await docker('ps', '-a', '--format', '{{.Names}}')).out.split('\n').filter((n) => n.startsWith(`${project}-`));
  for (const name of names) await docker('rm', '-f', name);
  for (const id of await networkIds(`${project}_default`)) await docker('network', 'rm', id);
}

await describeWithTool('project network: wrappers started at once', allTools(hasDocker, hasBusyboxImage), () => {
  const project = `netrace${process.pid.toString(36)}`;
  afterAll(() => cleanUp(project), 60_000);

  it('six wrappers started together make one network, and the last one out removes it', async () => {
    const starts = Array.from({ length: 6 }, (_, i) => wrapped(project, `${project}-w${i}`, `w${i}`, BUSYBOX_IMAGE, ['sleep', '6']));
    await until('six containers running', async () => (await docker('ps', '--filter', `name=^${project}-w`, '--format', '{{.Names}}')).out.split('\n').filter(Boolean).length === 6, 60_000);
    expect(await networkIds(`${project}_default`)).toHaveLength(1);
    const ended = await Promise.all(starts);
    expect(ended.map((e) => e.exitCode)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await networkIds(`${project}_default`)).toEqual([]);
  }, 120_000);
});

function switchSuite(cli: ComposeCli): Promise<void> {
  return describeWithTool(`project network: Compose ${cli.version} and the wrapper share it`, allTools(cli.check, hasPythonOnlyImage), () => {
    const project = `netswitch${cli.version}${process.pid.toString(36)}`;
    const network = `${project}_default`;
    let temp: TempDir;
    let composeDir: string;
    const compose = (...args: string[]) => cli.run(args, composeDir, {}, 120_000);
    const up = () => (cli.version === 'v2' ? compose('up', '-d', '--wait') : compose('up', '-d'));
    /** Compose's container of `web`, by its labels (v1 names it with `_`, v2 with `-`). */
    const web = async () => (await docker('ps', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=web', '--format', '{{.Names}}')).out.trim();
    const joined = async () => (await docker('network', 'inspect', network, '--format', '{{range .Containers}}{{.Name}} {{end}}')).out.trim().split(/\s+/);

    beforeAll(async () => {
      temp = await tempDir('orchgen-netswitch-');
      const spec = path.join(temp.path, 'orchgen.yaml');
      writeFileSync(spec, `version: 1\nproject: ${project}\nservices:\n  web:\n    image: ${PYTHON_ONLY_IMAGE}\n    command: [python3, -m, http.server, "8000"]\n    stop: { timeout: 1s }\n`);
      const built = await execa('node', [cliEntry, 'build', '-f', spec, '-t', 'compose', '-o', path.join(temp.path, 'out')], { reject: false, all: true });
      expect(built.exitCode, String(built.all)).toBe(0);
      composeDir = path.join(temp.path, 'out', 'compose');
    }, 60_000);
    afterAll(async () => {
      await compose('down', '--timeout', '1');
      await cleanUp(project);
      await temp?.cleanup();
    }, 120_000);

    it("takes a network made with the targets' labels as its own, and removes it on down", async () => {
      const created = await docker('network', 'create', ...networkLabelArgs(project), network);
      expect(created.code, created.out).toBe(0);
      const started = await up();
      expect(started.exitCode, started.stderr).toBe(0);
      expect(`${started.stdout}${started.stderr}`).not.toMatch(/not created|incorrect label|external/i);
      expect(await networkIds(network)).toEqual([created.out.trim()]);
      expect(await web()).toMatch(new RegExp(`^${project}[-_]web[-_]1$`));
      expect(await joined()).toEqual([await web()]);
      const down = await compose('down', '--timeout', '1');
      expect(down.exitCode, down.stderr).toBe(0);
      expect(await networkIds(network)).toEqual([]);
    }, 120_000);

    it("the wrapper joins the network Compose made, resolves Compose's service by name, and leaves the network to Compose", async () => {
      const started = await up();
      expect(started.exitCode, started.stderr).toBe(0);
      const [id] = await networkIds(network);
      const lookup = 'import socket; print(socket.gethostbyname("web"))';
      const client = await wrapped(project, `${project}-client`, 'client', PYTHON_ONLY_IMAGE, ['python3', '-c', lookup]);
      expect(client.exitCode, client.all).toBe(0);
      const webAddress = (await docker('inspect', await web(), '--format', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`)).out.trim();
      expect(client.all?.trim()).toBe(webAddress);
      expect(await networkIds(network)).toEqual([id]);
      const down = await compose('down', '--timeout', '1');
      expect(down.exitCode, down.stderr).toBe(0);
      expect(await networkIds(network)).toEqual([]);
    }, 120_000);
  });
}

await switchSuite(composeV2);
await switchSuite(composeV1);
