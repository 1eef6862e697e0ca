import { describe, expect, it } from 'vitest';
import { compileText } from '../../src/pipeline/compile.js';
import { renderTargets } from '../../src/pipeline/render.js';
import { draftHeader, importText, lines, specDiagnostics } from './support.js';

const compose = lines(
  'services:',
  '  db:',
  '    image: postgres:16',
  '    restart: always',
  '    volumes: [pgdata:/var/lib/postgresql/data, media:/media, cache:/cache, scratch:/scratch, "${LOGS:-logs}:/logs"]',
  'volumes:',
  '  pgdata: {external: true}',
  '  media: {external: true, name: "${OLD:-shop}_media"}',
  '  cache: {external: {name: old_cache}}',
  '  scratch: {name: tmp_scratch, driver: local, labels: {keep: "no"}}',
  '  logs:',
  '  unused: {external: true}',
);

describe('top-level volumes', () => {
  it('carries the name and the external mark of each volume a service mounts; other options are dropped, said once', () => {
    const { yaml, warnings } = importText(compose);
    expect(yaml).toBe(
      draftHeader +
        lines(
          "# dropped volumes.scratch.labels: {keep: no} (orchgen's volumes have a name and `external` only)",
          '# values filled in at import as Compose would (unset, so their defaults: LOGS, OLD); import again after changing them',
          '',
          'version: 1',
          'project: stack',
          'services:',
          '  db:',
          '    image: postgres:16',
          '    volumes:',
          '      - pgdata:/var/lib/postgresql/data',
          '      - media:/media',
          '      - cache:/cache',
          '      - scratch:/scratch',
          '      - logs:/logs',
          '    restart: always',
          'volumes:',
          '  pgdata: {external: true}',
          '  media: {name: shop_media, external: true}',
          '  cache: {name: old_cache, external: true}',
          '  scratch: {name: tmp_scratch}',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:5:94: warning[W203]: variables filled in as Compose would now (unset, so their defaults: $LOGS, $OLD): the orchgen.yaml holds their values, not the variables',
      "compose.yaml:10:47: warning[W205]: `volumes.scratch.labels` dropped: orchgen's volumes have a name and `external` only",
    ]);
    expect(specDiagnostics(yaml)).toEqual([]);
  });

  it('the Compose build declares them as the original did: an external volume is never the project\'s own', () => {
    const compiled = compileText('/stack/orchgen.yaml', importText(compose).yaml, ['compose']);
    const { artifacts } = renderTargets({ model: compiled.model!, plan: compiled.plan! }, ['compose'], { specFile: '/stack/orchgen.yaml', outDir: '/stack/out' });
    const file = artifacts.find((a) => a.path === 'compose/compose.yaml')!.content.split('\n');
    expect(file.slice(file.indexOf('volumes:'))).toEqual([
      'volumes:',
      '  pgdata:',
      '    external: true',
      '  media:',
      '    name: "shop_media"',
      '    external: true',
      '  cache:',
      '    name: "old_cache"',
      '    external: true',
      '  scratch:',
      '    name: "tmp_scratch"',
      '  logs: {}',
      '',
    ]);
  });

  it('a name no engine takes drops the definition, and says an external volume becomes the project\'s own', () => {
    const { yaml, warnings } = importText(lines('services:', '  db:', '    image: postgres', '    restart: always', '    volumes: [data:/data]', 'volumes:', '  data: {external: true, name: "/not/a/name"}'));
    expect(yaml).not.toContain('\nvolumes:');
    expect(warnings).toEqual([
      "compose.yaml:7:3: warning[W205]: `volumes.data` dropped: orchgen's volumes have a name and `external` only; the external volume `data` becomes a new, empty one",
    ]);
  });

  it('refuses a volume name whose variable Compose would leave blank', () => {
    const run = () => importText(lines('services:', '  db:', '    image: postgres', '    volumes: [data:/data]', 'volumes:', '  data: {external: true, name: "${PREFIX}_data"}'));
    expect(run).toThrow('compose.yaml:6:32: error[E402]: `${PREFIX}_data` needs $PREFIX, set neither in .env nor in the environment: Compose would leave a blank there, which names another volume');
  });
});
