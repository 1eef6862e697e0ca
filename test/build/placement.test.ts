import { expect, test } from 'vitest';
import { renderTargets } from '../../src/pipeline/render.js';
import { modelOf, spec } from '../helpers.js';

test('W102: a target that cannot run a service leaves it out and says so', () => {
  const yaml = spec(
    'version: 1',
    'project: demo',
    'services:',
    '  db: {image: postgres:16}',
    '  worker: {command: [/usr/bin/worker]}',
    '  cron: {command: [/usr/bin/cron]}',
  );
  const compiled = modelOf(yaml, ['compose', 'supervisor']);
  const { artifacts, diagnostics } = renderTargets({ model: compiled.model!, plan: compiled.plan! }, ['compose', 'supervisor'], {
    specFile: '/stack/orchgen.yaml',
    outDir: '/stack/out',
  });
  expect(diagnostics.filter((d) => d.code === 'W102').map((d) => d.message)).toEqual([
    'compose cannot run 2 of 3 services (no `image`), left out: worker, cron',
  ]);
  expect(compiled.model!.services.map((s) => [s.name, s.targets])).toEqual([
    ['db', ['compose', 'supervisor']],
    ['worker', ['supervisor']],
    ['cron', ['supervisor']],
  ]);
  expect(artifacts.some((a) => a.target === 'compose')).toBe(true);
});

test('W102: nothing is written for a target that can run no service', () => {
  const yaml = spec('version: 1', 'project: demo', 'services:', '  worker: {command: [/usr/bin/worker]}');
  const compiled = modelOf(yaml, ['compose', 'supervisor']);
  const { artifacts, diagnostics } = renderTargets({ model: compiled.model!, plan: compiled.plan! }, ['compose', 'supervisor'], {
    specFile: '/stack/orchgen.yaml',
    outDir: '/stack/out',
  });
  expect(diagnostics.find((d) => d.code === 'W102')?.message).toBe(
    'compose cannot run every service (no `image`), left out: worker; nothing is written for compose',
  );
  expect(artifacts.filter((a) => a.target === 'compose')).toEqual([]);
});

test('W102: a long list names the first eight services and counts the rest', () => {
  const workers = Array.from({ length: 12 }, (_, i) => `  w${i}: {command: [/usr/bin/worker]}`);
  const yaml = spec('version: 1', 'project: demo', 'services:', '  db: {image: postgres:16}', ...workers);
  const compiled = modelOf(yaml, ['compose', 'supervisor']);
  const { diagnostics } = renderTargets({ model: compiled.model!, plan: compiled.plan! }, ['compose', 'supervisor'], { specFile: '/stack/orchgen.yaml', outDir: '/stack/out' });
  expect(diagnostics.filter((d) => d.code === 'W102').map((d) => d.message)).toEqual([
    'compose cannot run 12 of 13 services (no `image`), left out: w0, w1, w2, w3, w4, w5, w6, w7 and 4 more',
  ]);
});
