import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { execa } from 'execa';
import { allTools, BUSYBOX_IMAGE, describeWithTool, hasBusyboxImage, hasComposeV1, hasSupervisord } from '../support/tools.js';
import { freePort } from './stack.js';

const root = mkdtempSync(join(tmpdir(), 'orchgen-preflight-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder with an `nvidia-smi` that lists `count` GPUs, as the real one does with `-L`. */
function gpuPath(count: number): string {
  const bin = join(root, `gpus-${count}`);
  mkdirSync(bin, { recursive: true });
  const lines = Array.from({ length: count }, (_, i) => `echo "GPU ${i}: NVIDIA A100-SXM4-80GB (UUID: GPU-${i}000)"`);
  writeFileSync(join(bin, 'nvidia-smi'), `#!/bin/sh\n${lines.join('\n')}\n`);
  chmodSync(join(bin, 'nvidia-smi'), 0o755);
  return `${bin}:${process.env.PATH}`;
}

function spec(name: string, body: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'orchgen.yaml'), `version: 1\nproject: ${name}\nservices:\n${body}targets:\n  supervisor: {log_dir: ${dir}/logs}\n`);
  return join(dir, 'orchgen.yaml');
}

await describeWithTool('orchgen preflight', hasSupervisord, () => {
  test('every problem at once, each with what to do', async () => {
    const port = await freePort();
    const taken: Server = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    try {
      const file = spec(
        'many',
        [
          '  api:',
          '    command: [/bin/sleep, "100"]',
          '    env_required: [API_TOKEN]',
          `    ports: ["127.0.0.1:${port}:${port}"]`,
          `    volumes: ["${root}/missing:/data"]`,
          '  model:',
          '    command: [/bin/sleep, "100"]',
          '    gpu: {count: 2}',
          '',
        ].join('\n'),
      );
      const result = await orchgen(['preflight', '-t', 'supervisor', '-f', file], { env: { PATH: gpuPath(0), API_TOKEN: '' } });
      expect(result.code).toBe(1);
      const problems = result.stderr.split('\n').filter((line) => line.startsWith('  - '));
      expect(problems).toEqual([
        `  - api: volume source ${root}/missing does not exist: create it or fix \`volumes\``,
        `  - api: host port 127.0.0.1:${port} is already taken: stop what listens there or change \`ports\``,
        '  - model: needs 2 GPU(s), 0 present (nvidia-smi -L), and no fallback needs fewer: add one, or run on a machine with GPUs',
      ]);
      const unset = await orchgen(['preflight', '-t', 'supervisor', '-f', file], { env: { PATH: gpuPath(0) } });
      expect(unset.stderr).toContain('  - api: API_TOKEN is not set: export it before `orchgen up` (it is in env_required)\n');
    } finally {
      taken.close();
    }
  });

  test('fewer GPUs than asked for: a fallback that needs fewer is chosen up front', async () => {
    const file = spec(
      'gpus',
      [
        '  vllm:',
        '    command: [/bin/sleep, "100"]',
        '    gpu: {count: 2}',
        '    fallbacks:',
        '      - name: single-gpu',
        '        set: {gpu: {device_ids: ["0"]}, env: {CUDA_VISIBLE_DEVICES: "0"}}',
        '',
      ].join('\n'),
    );
    const one = await orchgen(['preflight', '-t', 'supervisor', '-f', file], { env: { PATH: gpuPath(1) } });
    expect(one.stdout).toBe('note: vllm: needs 2 GPU(s), 1 present: starting it as fallback `single-gpu`\npreflight ok for supervisor\n');
    expect(one.code).toBe(0);
    const two = await orchgen(['preflight', '-t', 'supervisor', '-f', file], { env: { PATH: gpuPath(2) } });
    expect(two.stdout).toBe('preflight ok for supervisor\n');
    const none = await orchgen(['preflight', '-t', 'supervisor', '-f', file], { env: { PATH: gpuPath(0) } });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('  - vllm: needs 2 GPU(s), 0 present (nvidia-smi -L), and no fallback needs fewer');
  });
});

await describeWithTool('orchgen preflight: images', allTools(hasBusyboxImage, hasComposeV1), () => {
  const project = `preflight-images-${process.pid}`;
  const missing = `orchgen-test/missing-${process.pid}:1`;
  const variantImage = `orchgen-test/missing-variant-${process.pid}:1`;
  const file = () =>
    spec(
      project,
      [
        '  store:',
        `    image: ${BUSYBOX_IMAGE}`,
        '    command: [sleep, "100"]',
        '  api:',
        `    image: ${missing}`,
        '    command: [sleep, "100"]',
        '    fallbacks:',
        `      - {name: other, set: {image: ${variantImage}}}`,
        '  web:',
        `    image: ${missing}`,
        '    command: [sleep, "100"]',
        '',
      ].join('\n'),
    );
  const containers = async () => (await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}}'])).stdout;

  test('an image neither here nor pullable is named with its services; present ones are not', async () => {
    const spec = file();
    for (const image of [missing, variantImage]) expect((await execa('docker', ['image', 'inspect', image], { reject: false })).exitCode).toBe(1);
    const began = Date.now();
    const result = await orchgen(['preflight', '-t', 'compose', '-f', spec]);
    expect(Date.now() - began).toBeLessThan(25_000);
    expect(result.code).toBe(1);
    const problems = result.stderr.split('\n').filter((line) => line.startsWith('  - '));
    expect(problems).toHaveLength(2);
    const line = (services: string, image: string) =>
      new RegExp(`^  - ${services}: image ${image.replace(/[.]/g, '\\.')} is not on this machine and cannot be pulled \\(.+\\): pull or load it \\(docker pull, docker load\\), or fix \`image\`$`);
    expect(problems[0]).toMatch(line('api, web', missing));
    expect(problems[1]).toMatch(line('api', variantImage));
    expect(result.stderr).not.toContain(BUSYBOX_IMAGE);

    const up = await orchgen(['up', '-t', 'compose', '-f', spec]);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(problems[0]);
    expect(await containers()).toBe('');
  });

  test('every image here: preflight ok', async () => {
    const spec = file();
    const local = spec.replace('orchgen.yaml', 'local.yaml');
    writeFileSync(local, readFileSync(spec, 'utf8').replaceAll(missing, BUSYBOX_IMAGE).replaceAll(variantImage, BUSYBOX_IMAGE));
    const result = await orchgen(['preflight', '-t', 'compose', '-f', local]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('preflight ok for compose\n');
    expect(result.code).toBe(0);
  });
});

await describeWithTool('orchgen preflight: external volumes', allTools(hasBusyboxImage, hasComposeV1), () => {
  const project = `preflight-volumes-${process.pid}`;
  const volume = `orchgen-preflight-missing-${process.pid}`;
  afterAll(async () => {
    await execa('docker', ['volume', 'rm', '-f', volume], { reject: false });
  });
  const volumeExists = async () => (await execa('docker', ['volume', 'inspect', volume], { reject: false })).exitCode === 0;
  const file = () => {
    const path = spec(project, ['  store:', `    image: ${BUSYBOX_IMAGE}`, '    command: [sleep, "100"]', '    volumes: [data:/data]', ''].join('\n'));
    writeFileSync(path, `${readFileSync(path, 'utf8')}volumes:\n  data: {external: true, name: ${volume}}\n`);
    return path;
  };

  test('a missing external volume stops `up` before anything starts, and no empty one is made in its place', async () => {
    expect(await volumeExists()).toBe(false);
    const result = await orchgen(['preflight', '-t', 'compose', '-f', file()]);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('  - '))).toEqual([
      `  - store: external volume ${volume} does not exist: create it (docker volume create ${volume}) or fix \`volumes\``,
    ]);
    const up = await orchgen(['up', '-t', 'compose', '-f', file()]);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(`external volume ${volume} does not exist`);
    expect((await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}}'])).stdout).toBe('');
    expect(await volumeExists()).toBe(false);

    expect((await execa('docker', ['volume', 'create', volume])).exitCode).toBe(0);
    const created = await orchgen(['preflight', '-t', 'compose', '-f', file()]);
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe('preflight ok for compose\n');
  });
});
