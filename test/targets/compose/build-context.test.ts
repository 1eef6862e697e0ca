import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { build } from './support.js';

const spec = [
  'version: 1',
  'project: demo',
  'services:',
  '  api:',
  '    image: demo-api',
  '    native:',
  '      compose:',
  '        build: {context: ./api, dockerfile: Dockerfile.prod}',
  '  web:',
  '    image: demo-web',
  '    native:',
  '      compose:',
  '        build: ../shared/web',
  '  remote:',
  '    image: demo-remote',
  '    native:',
  '      compose:',
  '        build: https://github.com/example/remote.git#main',
  '',
].join('\n');

function builds(outDir: string): Record<string, unknown> {
  const compose = parse(build(spec, '/home/dev/stack/orchgen.yaml', outDir).files.get('compose/compose.yaml')!) as { services: Record<string, { build: unknown }> };
  return Object.fromEntries(Object.entries(compose.services).map(([name, service]) => [name, service.build]));
}

describe('native.compose build contexts are relative to the spec, wherever the Compose file is written', () => {
  it('out/ beside the spec', () => {
    expect(builds('/home/dev/stack/out')).toEqual({
      api: { context: '../../api', dockerfile: 'Dockerfile.prod' },
      web: '../../../shared/web',
      remote: 'https://github.com/example/remote.git#main',
    });
  });

  it('another folder given with -o', () => {
    expect(builds('/srv/deploy/out')).toEqual({
      api: { context: '../../../../home/dev/stack/api', dockerfile: 'Dockerfile.prod' },
      web: '../../../../home/dev/shared/web',
      remote: 'https://github.com/example/remote.git#main',
    });
  });
});
