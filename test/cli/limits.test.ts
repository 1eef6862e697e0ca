import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { specSchema } from '../../src/spec/schema.js';
import { orchgen } from './run.js';

/**
 * Every number in the spec that a target turns into an allocation, a loop or a number it writes,
 * at its documented bound. The schema holds the bounds; these are what the tests put at them.
 */
const bounds = {
  gpuCount: 64,
  gpuDeviceIds: 64,
  gpuCapabilities: 16,
  maxAttempts: 10_000,
  retries: 1000,
  cpus: 4096,
  /** Five digits per number of a duration. */
  duration: '99999h99999m99999s99999ms',
  /** The largest size of each suffix, all below 1000T. */
  sizes: ['999999999999999', '999999999999K', '999999999M', '999999G', '999T'],
};

/** A run of the built CLI that a regression makes fail, not hang or swap: a small heap and a time limit. */
const heapMb = 300;
const limitMs = 30_000;
const run = (args: string[], cwd: string) => orchgen(args, { cwd, nodeFlags: [`--max-old-space-size=${heapMb}`], timeoutMs: limitMs });

const scratch = mkdtempSync(join(tmpdir(), 'orchgen-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function stack(name: string, spec: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'orchgen.yaml'), spec);
  return dir;
}

function schemaAt(...path: string[]): Record<string, unknown> {
  let node: unknown = specSchema().definitions;
  for (const key of path) node = (node as Record<string, unknown>)[key];
  return node as Record<string, unknown>;
}

/** Every service number at `n(bound)`; `d` the duration and `size(i)` the i-th size. */
function numbersSpec(n: (bound: number) => number, d: string, size: (i: number) => string): string {
  const ids = (count: number) => `[${Array.from({ length: count }, (_, i) => `"${i}"`).join(', ')}]`;
  const caps = (count: number) => `[${Array.from({ length: count }, (_, i) => `cap${i}`).join(', ')}]`;
  const timings = `retries: ${n(bounds.retries)}, interval: ${d}, timeout: ${d}, start_period: ${d}`;
  const restart = `{policy: on-failure, max_attempts: ${n(bounds.maxAttempts)}, delay: ${d}, backoff: exponential, max_delay: ${d}}`;
  return [
    'version: 1',
    'project: limits',
    'defaults:',
    `  health: {${timings}}`,
    `  restart: ${restart}`,
    `  stop: {timeout: ${d}}`,
    `  resources: {memory: "${size(0)}", cpus: ${n(bounds.cpus)}}`,
    'services:',
    '  counted:',
    '    command: [/usr/bin/trainer]',
    `    gpu: {count: ${n(bounds.gpuCount)}}`,
    `    health: {exec: [/bin/true], ${timings}}`,
    `    restart: ${restart}`,
    `    resources: {memory: "${size(1)}", cpus: ${n(bounds.cpus)}}`,
    '  picked:',
    '    command: /usr/bin/trainer --picked',
    `    gpu: {device_ids: ${ids(n(bounds.gpuDeviceIds))}, capabilities: ${caps(n(bounds.gpuCapabilities))}}`,
    `    resources: {memory: "${size(2)}"}`,
    '  boxed:',
    '    image: busybox',
    `    gpu: {count: ${n(bounds.gpuCount)}}`,
    // the shortest interval: the startup probe's tries cover the longest start_period
    `    health: {http: http://127.0.0.1:8080/, retries: ${n(bounds.retries)}, interval: 1ms, timeout: ${d}, start_period: ${d}}`,
    `    stop: {timeout: ${d}}`,
    `    resources: {memory: "${size(3)}", cpus: ${n(bounds.cpus)}}`,
    '    fallbacks:',
    `      - {name: smaller, when: {exit_codes: [255]}, set: {resources: {memory: "${size(4)}"}, gpu: {count: ${n(bounds.gpuCount)}}}}`,
    '',
  ].join('\n');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dir, name)).isFile());
}

describe('every number of the spec has a bound the compiler lives with', () => {
  test('the schema documents the bounds these tests use', () => {
    const gpu = schemaAt('gpu', 'properties') as Record<string, Record<string, unknown>>;
    expect((gpu.count!.anyOf as Array<Record<string, unknown>>)[0]!.maximum).toBe(bounds.gpuCount);
    expect(gpu.device_ids!.maxItems).toBe(bounds.gpuDeviceIds);
    expect(gpu.capabilities!.maxItems).toBe(bounds.gpuCapabilities);
    const restart = (schemaAt('restart', 'anyOf') as unknown as Array<{ properties?: Record<string, Record<string, unknown>> }>)[1]!.properties!;
    expect(restart.max_attempts!.maximum).toBe(bounds.maxAttempts);
    expect(schemaAt('health', 'properties', 'retries').maximum).toBe(bounds.retries);
    expect(schemaAt('defaults', 'properties', 'health', 'properties', 'retries').maximum).toBe(bounds.retries);
    expect(schemaAt('resources', 'properties', 'cpus').maximum).toBe(bounds.cpus);
    for (const bounded of [gpu.count!, gpu.device_ids!, gpu.capabilities!, restart.max_attempts!, schemaAt('resources', 'properties', 'cpus')]) {
      expect(String(bounded.description), 'the description says why').toMatch(/At most \d+: /);
    }
  });

  test('at every bound: validate, graph and build of every target finish in bounded time and memory, writing whole numbers', async () => {
    const dir = stack('at-bounds', numbersSpec((bound) => bound, bounds.duration, (i) => bounds.sizes[i]!));
    for (const args of [['validate'], ['graph', '--format', 'json'], ['build', '-o', 'out']]) {
      const started = Date.now();
      const result = await run(args, dir);
      expect(result.timedOut, `${args[0]} timed out`).toBeUndefined();
      expect({ args, code: result.code, errors: result.stderr.split('\n').filter((line) => line.includes('error')) }).toEqual({ args, code: 0, errors: [] });
      expect(Date.now() - started, `${args[0]} took too long`).toBeLessThan(limitMs);
    }
    const out = join(dir, 'out');
    const written = filesUnder(out).map((name) => [name, readFileSync(join(out, name), 'utf8')] as const);
    expect(written.map(([name]) => name.split('/')[0]).filter((t, i, all) => all.indexOf(t) === i).sort()).toEqual(['.orchgen-manifest.json', 'compose', 'k8s', 'pm2', 'supervisor', 'systemd']);
    for (const [name, content] of written) expect(content, name).not.toMatch(/\d[eE]\+\d|Infinity|NaN/);
    const int32 = 2 ** 31 - 1;
    const k8sCounts = written.filter(([name]) => name.startsWith('k8s/')).flatMap(([, content]) => [...content.matchAll(/(\w+(?:Seconds|Threshold)): (\d+)/g)]);
    expect(k8sCounts.length).toBeGreaterThan(0);
    for (const [, key, value] of k8sCounts) expect(Number(value), `${key} fits Kubernetes' 32-bit integer`).toBeLessThanOrEqual(int32);
    const unit = readFileSync(join(out, 'systemd', 'limits-counted.service'), 'utf8');
    expect(unit).toContain(`Environment="CUDA_VISIBLE_DEVICES=${Array.from({ length: bounds.gpuCount }, (_, i) => i).join(',')}"\n`);
    expect(unit).toContain('StartLimitIntervalSec=infinity\nStartLimitBurst=10001\n');
  });

  test('just past every bound: one located E1xx each, exit 1, nothing written', async () => {
    const dir = stack('past-bounds', numbersSpec((bound) => bound + 1, '999999h', (i) => ['9999999999999999', '9999999999999K', '9999999999M', '9999999G', '1000T'][i]!));
    const result = await run(['build', '-o', 'out'], dir);
    expect(result.timedOut).toBeUndefined();
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      "orchgen.yaml:4:21: error[E109]: `defaults.health.retries` must be at most 1000, not the number 1001",
      "orchgen.yaml:4:37: error[E106]: `defaults.health.interval` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:4:55: error[E106]: `defaults.health.timeout` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:4:78: error[E106]: `defaults.health.start_period` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:5:47: error[E109]: `defaults.restart.max_attempts` must be at most 10000, not the number 10001",
      "orchgen.yaml:5:61: error[E106]: `defaults.restart.delay` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:5:103: error[E106]: `defaults.restart.max_delay` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:6:19: error[E106]: `defaults.stop.timeout` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:7:23: error[E107]: `defaults.resources.memory` must be a size below 1000T (at most 15 digits of bytes, 12 of K, 9 of M, 6 of G, 3 of T), not `9999999999999999`",
      "orchgen.yaml:7:49: error[E109]: `defaults.resources.cpus` must be at most 4096, not the number 4097",
      "orchgen.yaml:11:18: error[E109]: `services.counted.gpu.count` must be at most 64, not the number 65",
      "orchgen.yaml:12:42: error[E109]: `services.counted.health.retries` must be at most 1000, not the number 1001",
      "orchgen.yaml:12:58: error[E106]: `services.counted.health.interval` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:12:76: error[E106]: `services.counted.health.timeout` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:12:99: error[E106]: `services.counted.health.start_period` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:13:49: error[E109]: `services.counted.restart.max_attempts` must be at most 10000, not the number 10001",
      "orchgen.yaml:13:63: error[E106]: `services.counted.restart.delay` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:13:105: error[E106]: `services.counted.restart.max_delay` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:14:25: error[E107]: `services.counted.resources.memory` must be a size below 1000T (at most 15 digits of bytes, 12 of K, 9 of M, 6 of G, 3 of T), not `9999999999999K`",
      "orchgen.yaml:14:49: error[E109]: `services.counted.resources.cpus` must be at most 4096, not the number 4097",
      "orchgen.yaml:17:23: error[E109]: `services.picked.gpu.device_ids` lists 65 items; at most 64 are allowed",
      "orchgen.yaml:17:419: error[E109]: `services.picked.gpu.capabilities` lists 17 items; at most 16 are allowed",
      "orchgen.yaml:18:25: error[E107]: `services.picked.resources.memory` must be a size below 1000T (at most 15 digits of bytes, 12 of K, 9 of M, 6 of G, 3 of T), not `9999999999M`",
      "orchgen.yaml:21:18: error[E109]: `services.boxed.gpu.count` must be at most 64, not the number 65",
      "orchgen.yaml:22:53: error[E109]: `services.boxed.health.retries` must be at most 1000, not the number 1001",
      "orchgen.yaml:22:83: error[E106]: `services.boxed.health.timeout` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:22:106: error[E106]: `services.boxed.health.start_period` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:23:21: error[E106]: `services.boxed.stop.timeout` must be a duration with at most 5 digits per number (99999h is over 11 years), not `999999h`",
      "orchgen.yaml:24:25: error[E107]: `services.boxed.resources.memory` must be a size below 1000T (at most 15 digits of bytes, 12 of K, 9 of M, 6 of G, 3 of T), not `9999999G`",
      "orchgen.yaml:24:43: error[E109]: `services.boxed.resources.cpus` must be at most 4096, not the number 4097",
      "orchgen.yaml:26:78: error[E107]: `services.boxed.fallbacks[0].set.resources.memory` must be a size below 1000T (at most 15 digits of bytes, 12 of K, 9 of M, 6 of G, 3 of T), not `1000T`",
      "orchgen.yaml:26:101: error[E109]: `services.boxed.fallbacks[0].set.gpu.count` must be at most 64, not the number 65",
      "32 errors, 0 warnings; nothing written",
      "",
    ]);
    expect(readdirSync(dir)).toEqual(['orchgen.yaml']);
  });
});
