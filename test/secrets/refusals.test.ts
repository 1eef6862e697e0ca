import { expect, test } from 'vitest';
import { renderTargets } from '../../src/pipeline/render.js';
import type { TargetName } from '../../src/model/types.js';
import { modelOf, spec } from '../helpers.js';

function render(yaml: string, target: TargetName) {
  const compiled = modelOf(yaml, [target]);
  return renderTargets({ model: compiled.model!, plan: compiled.plan! }, [target], { specFile: '/stack/orchgen.yaml', outDir: '/stack/out' });
}

test('systemd: a secrets folder no unit can name is refused once, and no unit names it', () => {
  const yaml = spec(
    'version: 1',
    'project: demo',
    'services:',
    '  api: {command: [/srv/api], env: {TOKEN: {secret: true}}}',
    '  web: {command: [/srv/web], env: {TOKEN: {secret: true}}}',
    'targets:',
    '  systemd: {secrets_dir: "/etc/demo\\nsecrets"}',
  );
  const rendered = render(yaml, 'systemd');
  expect(rendered.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path, d.message])).toEqual([
    ['E301', ['targets', 'systemd', 'secrets_dir'], 'systemd cannot carry `targets.systemd.secrets_dir` exactly: it contains control characters'],
  ]);
  expect(rendered.artifacts.filter((a) => a.content.includes('EnvironmentFile='))).toEqual([]);
});

test('systemd: a secrets folder is not checked when no service has a secret', () => {
  const yaml = spec('version: 1', 'project: demo', 'services:', '  api: {command: [/srv/api]}', 'targets:', '  systemd: {secrets_dir: "/etc/demo\\nsecrets"}');
  expect(render(yaml, 'systemd').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
});

test('pm2: a secret under a name PM2 takes for itself is refused like a value would be', () => {
  const yaml = spec('version: 1', 'project: demo', 'services:', '  api:', '    command: [/srv/api]', '    env: {PM2_HOME: {secret: true, from: HOME_OF_PM2}}');
  expect(render(yaml, 'pm2').diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path, d.message])).toEqual([
    ['E301', ['services', 'api', 'env', 'PM2_HOME'], "`api`: secret `PM2_HOME` cannot reach the process exactly on pm2: PM2 uses that name for the app's own settings and bookkeeping"],
  ]);
});
