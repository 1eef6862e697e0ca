import { describe, expect, test } from 'vitest';
import { formatDuration, parseDuration } from '../../src/model/duration.js';
import { parseSize } from '../../src/model/size.js';
import { modelOf, spec } from '../helpers.js';

describe('durations and sizes', () => {
  test.each([
    ['500ms', 500],
    ['2s', 2000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1h2m3s4ms', 3_723_004],
    ['0s', 0],
  ])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(parseDuration(formatDuration(ms))).toBe(ms);
  });

  test.each([
    ['512', 512],
    ['1K', 1024],
    ['512M', 536_870_912],
    ['1g', 1_073_741_824],
    ['2T', 2 * 1024 ** 4],
  ])('%s = %d bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));
});

describe('the normalized model', () => {
  const yaml = spec(
    'version: 1',
    'project: demo',
    'defaults:',
    '  restart: {policy: always, delay: 3s}',
    '  stop: {timeout: 20s}',
    '  health: {interval: 4s, retries: 7}',
    '  env: {TZ: UTC, LEVEL: info}',
    '  user: app',
    '  resources: {memory: 256M}',
    'services:',
    '  db:',
    '    image: postgres:16',
    '    health: {exec: "pg_isready"}',
    '  model:',
    '    image: vllm/vllm-openai:v0.6.6',
    '    gpu: {count: 2}',
    '    essential: false',
    '    env: {LEVEL: debug, RATIO: 1.0, HEX: 0x1F, ON: true}',
    '    health: {http: "http://127.0.0.1:8000/health"}',
    '    fallbacks:',
    '      - name: one-gpu',
    '        when: {log: NCCL, exit_codes: [1]}',
    '        set: {gpu: {device_ids: ["0"]}, env: {CUDA_VISIBLE_DEVICES: "0"}}',
    '  api:',
    '    command: [/usr/bin/api, --port, "8080"]',
    '    depends_on: [db, model]',
    '    restart: "no"',
    '    stop: {signal: SIGINT}',
    '    ports: ["127.0.0.1:8080:8080"]',
  );
  const { model } = modelOf(yaml);
  const [db, gpuModel, api] = model!.services;

  test('defaults merged, durations in ms, sizes in bytes', () => {
    expect(db!.restart).toEqual({ policy: 'always', delayMs: 3000, backoff: 'fixed', maxDelayMs: 60_000 });
    expect(db!.stop).toEqual({ signal: 'SIGTERM', timeoutMs: 20_000 });
    expect(db!.health).toEqual({ check: { kind: 'exec', command: { kind: 'shell', script: 'pg_isready' } }, intervalMs: 4000, timeoutMs: 3000, retries: 7, startPeriodMs: 0 });
    expect(db!.user).toBe('app');
    expect(db!.resources).toEqual({ memoryBytes: 268_435_456 });
    expect(api!.restart.policy).toBe('no');
    expect(api!.stop).toEqual({ signal: 'SIGINT', timeoutMs: 20_000 });
    expect(api!.ports).toEqual([{ hostIp: '127.0.0.1', host: 8080, container: 8080, protocol: 'tcp' }]);
  });

  test('env keeps the text as written, service values over defaults, declaration order', () => {
    expect(gpuModel!.env).toEqual([
      ['TZ', 'UTC'],
      ['LEVEL', 'debug'],
      ['RATIO', '1.0'],
      ['HEX', '0x1F'],
      ['ON', 'true'],
    ]);
  });

  test('GPU services get the longer start period', () => {
    expect(gpuModel!.health!.startPeriodMs).toBe(120_000);
    expect(gpuModel!.gpu).toEqual({ count: 2, capabilities: ['gpu'] });
  });

  test('a list of dependencies waits for health where there is a health check; optional ones are not required', () => {
    expect(api!.dependsOn).toEqual([
      { name: 'db', condition: 'healthy', required: true },
      { name: 'model', condition: 'healthy', required: false },
    ]);
  });

  test('a fallback is the whole service with its changes: env merges, the rest replaces', () => {
    const [fallback] = gpuModel!.fallbacks;
    expect(fallback!.name).toBe('one-gpu');
    expect(fallback!.when).toEqual({ log: 'NCCL', exitCodes: [1], healthTimeout: false });
    expect(fallback!.changes).toEqual(['gpu', 'env']);
    expect(fallback!.service.gpu).toEqual({ deviceIds: ['0'], capabilities: ['gpu'] });
    expect(fallback!.service.env).toEqual([...gpuModel!.env, ['CUDA_VISIBLE_DEVICES', '0']]);
    expect(fallback!.service.fallbacks).toEqual([]);
  });

  test('placement: containers everywhere, processes where there is a host', () => {
    expect(db!.targets).toEqual(['systemd', 'compose', 'pm2', 'supervisor', 'k8s']);
    expect(api!.kind).toBe('process');
    expect(api!.targets).toEqual(['systemd', 'pm2', 'supervisor']);
  });
});

describe('keys passed on from the environment', () => {
  const { model } = modelOf(
    spec(
      'version: 1',
      'project: demo',
      'services:',
      '  mail:',
      '    image: busybox',
      '    env: {SES_REGION: eu-west-1}',
      '    env_required: [SES_KEY]',
      '    env_optional: [SES_USER, SES_FROM]',
      '    fallbacks:',
      '      - name: relay',
      '        set: {env_optional: [RELAY_HOST]}',
      '  plain:',
      '    image: busybox',
    ),
  );
  const [mail, plain] = model!.services;

  test('env_optional keeps its order, apart from env and env_required; none given is an empty list', () => {
    expect([mail!.env, mail!.envRequired, mail!.envOptional]).toEqual([[['SES_REGION', 'eu-west-1']], ['SES_KEY'], ['SES_USER', 'SES_FROM']]);
    expect(plain!.envOptional).toEqual([]);
  });

  test('a fallback that sets env_optional replaces the list', () => {
    const variant = mail!.fallbacks[0]!.service;
    expect([variant.envOptional, variant.envRequired, mail!.fallbacks[0]!.changes]).toEqual([['RELAY_HOST'], ['SES_KEY'], ['env_optional']]);
  });
});
