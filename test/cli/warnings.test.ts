import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from './run.js';

const scratch = mkdtempSync(join(tmpdir(), 'orchgen-warnings-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const spec = 'examples/canvasbot/orchgen.yaml';
const summaryLine = (target: string, count: number) =>
  `${spec}: warning[W103]: ${target} cannot express ${count} setting${count === 1 ? '' : 's'} natively (run with --verbose for the list)\n`;

test('build: one W103 line per target, the full list with --verbose', async () => {
  const build = await orchgen(['build', '-f', spec, '-o', join(scratch, 'out')]);
  expect(build.code).toBe(0);
  const counts = { systemd: 1, compose: 7, pm2: 1, supervisor: 3, k8s: 13 };
  expect(build.stderr).toBe(Object.entries(counts).map(([target, n]) => summaryLine(target, n)).join(''));

  const verbose = await orchgen(['build', '-f', spec, '-o', join(scratch, 'out'), '--verbose']);
  const listed = verbose.stderr.split('\n').filter((line) => line.includes('warning[W103]'));
  expect(listed).toHaveLength(Object.values(counts).reduce((a, b) => a + b));
  expect(listed.every((line) => /^examples\/canvasbot\/orchgen\.yaml:\d+:\d+: warning\[W103\]: /.test(line))).toBe(true);
  expect(verbose.stderr).toContain(`${spec}:16:5: warning[W103]: compose cannot set the restart delay or backoff of \`ollama\` (\`restart\`): the Docker engine uses its own (100ms, doubling)\n`);
  expect(verbose.stdout).toBe(`${join(scratch, 'out')}: 0 written, 26 unchanged, 0 removed\n`);
});

test('build -t: only the targets built', async () => {
  const build = await orchgen(['build', '-f', spec, '-o', join(scratch, 'one'), '-t', 'supervisor']);
  expect(build.stderr).toBe(summaryLine('supervisor', 3));
});

test('up prints the summary once, when it writes the files; status, logs and down print none', async () => {
  const out = join(scratch, 'runtime');
  // the Compose files written, then `up` stops at its preflight: CANVAS_ACCESS_TOKEN and the rest are unset
  const env = { PATH: process.env.PATH!, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
  const first = await orchgen(['up', '-t', 'compose', '-f', spec, '-o', out], { env });
  expect(first.stderr.startsWith(`${summaryLine('compose', 7)}preflight failed for compose:\n`)).toBe(true);
  expect(first.code).toBe(1);
  const second = await orchgen(['up', '-t', 'compose', '-f', spec, '-o', out], { env });
  expect(second.stderr.startsWith('preflight failed for compose:\n')).toBe(true);
  for (const args of [['status'], ['logs', 'vllm'], ['down']]) {
    const result = await orchgen([...args, '-t', 'compose', '-f', spec, '-o', out], { env });
    expect(result.stderr, args[0]).not.toContain('warning');
  }
});
