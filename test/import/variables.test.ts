import { describe, expect, it } from 'vitest';
import { importCompose } from '../../src/import/compose/index.js';
import { formatWarning } from '../../src/import/warnings.js';
import { draftHeader, lines } from './support.js';

const header = draftHeader;

/** Imports /stack/compose.yaml with the given .env text and environment. */
function imported(text: string, dotenv?: string, environment: Record<string, string> = {}) {
  const variables = { environment, ...(dotenv !== undefined ? { dotenv: { file: '.env', text: dotenv } } : {}) };
  const result = importCompose({ file: 'compose.yaml', text, dir: '/stack', variables }, { outDir: '/stack', schemaRef: 'orchgen.schema.json' });
  return { yaml: result.text, error: result.error, warnings: result.warnings.map(formatWarning) };
}

describe('.env and the environment', () => {
  it('fills in every value from .env, the environment over it, defaults where unset; COMPOSE_PROJECT_NAME names the project', () => {
    const { yaml, warnings } = imported(
      lines(
        'name: from-file',
        'services:',
        '  app:',
        '    image: ${REGISTRY}/app:${TAG:-1.0}',
        '    command: serve --level ${LEVEL}',
        '    volumes: ["${DATA}:/data"]',
        '    environment:',
        '      TZ: ${TIMEZONE}',
        '      URL: http://${HOST:-db}:5432',
        '    restart: always',
      ),
      lines('COMPOSE_PROJECT_NAME=shop', 'REGISTRY=ghcr.io/acme', "LEVEL='debug'", 'DATA=./data  # beside the file', 'TIMEZONE="Europe/Berlin"', 'LEVEL_COPY=${LEVEL}'),
      { LEVEL: 'warn' },
    );
    expect(yaml).toBe(
      header +
        lines(
          '# values filled in at import as Compose would (from .env: REGISTRY, DATA, TIMEZONE; from the environment: LEVEL; unset, so their defaults: TAG, HOST); import again after changing them',
          '',
          'version: 1',
          '# the relative paths below need `project_dir` (the folder they are in where the stack runs, e.g. `project_dir: /srv/shop`) for systemd',
          'project: shop',
          'services:',
          '  app:',
          '    image: ghcr.io/acme/app:1.0',
          '    command: [serve, --level, warn]',
          '    env:',
          '      TZ: Europe/Berlin',
          '      URL: http://db:5432',
          '    volumes: [./data:/data]',
          '    restart: always',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:4:5: warning[W203]: variables filled in as Compose would now (from .env: $REGISTRY, $DATA, $TIMEZONE; from the environment: $LEVEL; unset, so their defaults: $TAG, $HOST): the orchgen.yaml holds their values, not the variables',
      "compose.yaml:6:5: warning[W207]: relative paths (volumes of `app`) are found from the orchgen.yaml's folder by Compose, PM2 and supervisord; systemd places them only when `project_dir` says where they are when the stack runs (e.g. `project_dir: /srv/shop`), and Kubernetes mounts an empty folder for a relative volume without it",
    ]);
  });

  it('refuses an unset variable without a default in an image or a volume, and an unset required one, all at once', () => {
    const { yaml, error, warnings } = imported(
      lines('services:', '  app:', '    image: ${IMAGE}', '    volumes:', '      - ${UPLOAD}:/data', '    command: run ${MODE:?set MODE}'),
      lines('OTHER=1'),
    );
    expect(yaml).toBeUndefined();
    expect(warnings).toEqual([]);
    const hint = (name: string, otherwise = '') => `  hint: set $${name} in .env beside the Compose file (or a file given with --env-file) or in the environment of the import${otherwise}, and import again`;
    expect(error).toBe(
      lines(
        'compose.yaml:3:12: error[E402]: `${IMAGE}` needs $IMAGE, set neither in .env nor in the environment: Compose would leave a blank there, which names another image or none (Compose rejects `repo:` with no tag)',
        hint('IMAGE', ', or give it a default (${IMAGE:-value})'),
        'compose.yaml:5:9: error[E402]: `${UPLOAD}:/data` needs $UPLOAD, set neither in .env nor in the environment: Compose would leave a blank there, which mounts another path or none (Compose rejects an empty source)',
        hint('UPLOAD', ', or give it a default (${UPLOAD:-value})'),
        'compose.yaml:6:14: error[E401]: `run ${MODE:?set MODE}`: required variable $MODE is set neither in .env nor in the environment: set MODE; Compose refuses the file, so does the import',
        hint('MODE'),
      ).trimEnd(),
    );
  });

  it('health timings and retries written with variables take the .env value or the default', () => {
    const { yaml, warnings } = imported(
      lines(
        'services:',
        '  db:',
        '    image: postgres:16',
        '    healthcheck:',
        '      test: ["CMD", "pg_isready"]',
        '      interval: ${HC_INTERVAL:-30s}',
        '      timeout: "$HC_TIMEOUT"',
        '      retries: ${HC_RETRIES:-5}',
        '      start_period: ${HC_START:-1m}',
        '    restart: always',
      ),
      lines('HC_TIMEOUT=1m30s', 'HC_START=10s'),
    );
    expect(yaml).toBe(
      header +
        lines(
          '# values filled in at import as Compose would (from .env: HC_TIMEOUT, HC_START; unset, so their defaults: HC_INTERVAL, HC_RETRIES); import again after changing them',
          '',
          'version: 1',
          'project: stack',
          'services:',
          '  db:',
          '    image: postgres:16',
          '    health:',
          '      exec: [pg_isready]',
          '      interval: 30s',
          '      timeout: 1m30s',
          '      retries: 5',
          '      start_period: 10s',
          '    restart: always',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:6:7: warning[W203]: variables filled in as Compose would now (from .env: $HC_TIMEOUT, $HC_START; unset, so their defaults: $HC_INTERVAL, $HC_RETRIES): the orchgen.yaml holds their values, not the variables',
    ]);
  });
});

describe('one warning per cause', () => {
  it('the same change in several services is one warning naming them; `disable: false` is no change; health timings not durations are one warning', () => {
    const { yaml, warnings } = imported(
      lines(
        'x-base: &base',
        '  restart: unless-stopped',
        '  healthcheck:',
        '    disable: false',
        'services:',
        '  a:',
        '    <<: *base',
        '    image: a:1',
        '  b:',
        '    <<: *base',
        '    image: b:1',
        '  c:',
        '    <<: *base',
        '    image: c:1',
        '    healthcheck:',
        '      test: ["CMD", "true"]',
        '      interval: soon',
        '      timeout: later',
      ),
    );
    expect(warnings).toEqual([
      'compose.yaml:6:3: warning[W204]: restart `unless-stopped` of 3 services (`a`, `b`, `c`) becomes `always`: orchgen cannot tell a service stopped by hand from one the engine restarted',
      'compose.yaml:17:7: warning[W205]: healthcheck interval, timeout of `c` dropped: not durations',
    ]);
    expect(yaml).toBe(
      header +
        lines(
          'version: 1',
          'project: stack',
          'services:',
          '  a:',
          '    image: a:1',
          '    # unless-stopped in the Compose file',
          '    restart: always',
          '  b:',
          '    image: b:1',
          '    # unless-stopped in the Compose file',
          '    restart: always',
          '  # dropped healthcheck.interval: soon (not a duration)',
          '  # dropped healthcheck.timeout: later (not a duration)',
          '  c:',
          '    image: c:1',
          '    health:',
          '      exec: ["true"]',
          '    # unless-stopped in the Compose file',
          '    restart: always',
        ),
    );
  });

  it('a whole-variable value is a secret only under a secret-looking name; keys without a value take .env, a secret-named one set there is required (listed once for the file), an unset one is passed on when set', () => {
    const { yaml, warnings } = imported(
      lines(
        'services:',
        '  app:',
        '    image: app:1',
        '    environment:',
        '      TZ: ${TIMEZONE}',
        '      DB_PASSWORD: ${PG_PASS}',
        '      API_TOKEN: ${TOKEN:?needed}',
        '      SECRET_KEY: ${PG_PASS:-changeme}',
        '      SES_USER:',
        '    restart: always',
        '  worker:',
        '    image: app:1',
        '    environment:',
        '      - POSTGRES_USER',
        '      - SES_USER',
        '      - PG_PASS',
        '    restart: always',
      ),
      lines('TIMEZONE=UTC', 'PG_PASS=hunter2', 'POSTGRES_USER=app'),
    );
    expect(yaml).toBe(
      header +
        lines(
          '# values filled in at import as Compose would (from .env: TIMEZONE, POSTGRES_USER); import again after changing them',
          '',
          'version: 1',
          'project: stack',
          'services:',
          '  app:',
          '    image: app:1',
          '    env:',
          '      TZ: UTC',
          '      # was ${PG_PASS} in the Compose file: a secret, read from $PG_PASS when the service starts',
          '      DB_PASSWORD: {secret: true, from: PG_PASS}',
          '      # was ${TOKEN:?needed} in the Compose file: a secret, read from $TOKEN when the service starts',
          '      API_TOKEN: {secret: true, from: TOKEN}',
          '      # was ${PG_PASS:-changeme} in the Compose file: a secret, read from $PG_PASS when the service starts; its default when unset is not kept',
          '      SECRET_KEY: {secret: true, from: PG_PASS}',
          '    env_optional: [SES_USER]',
          '    restart: always',
          '  worker:',
          '    image: app:1',
          '    env:',
          '      POSTGRES_USER: app',
          '    # PG_PASS: given without a value and set now; its name says it is a secret, so orchgen requires it at start (Compose passes it on only when set)',
          '    env_required: [PG_PASS]',
          '    env_optional: [SES_USER]',
          '    restart: always',
        ),
    );
    expect(warnings).toEqual([
      'compose.yaml:5:7: warning[W203]: variables filled in as Compose would now (from .env: $TIMEZONE, $POSTGRES_USER): the orchgen.yaml holds their values, not the variables',
      'compose.yaml:16:9: warning[W204]: environment keys given without a value (`worker`: PG_PASS) are set now, but their names say they are secrets: the spec holds no value and requires them when the stack starts (env_required), where Compose passes them on only when set',
    ]);
  });
});

describe('extends', () => {
  const files: Record<string, string> = {
    'hwaccel.yml': lines('services:', '  cuda:', '    environment: [MODE=gpu, LEVEL=info]', '    volumes: [/dev/shm:/dev/shm]', '    deploy: { resources: { reservations: { devices: [{ driver: nvidia, count: 1, capabilities: [gpu] }] } } }', '  cpu:'),
  };
  const readBeside = (path: string) => files[path];

  it('merges the service named in another file under the own settings: maps merged, volumes appended', () => {
    const text = lines(
      'services:',
      '  ml:',
      '    image: ml:1',
      '    extends: { file: hwaccel.yml, service: cuda }',
      '    environment: { LEVEL: debug }',
      '    volumes: [./cache:/cache]',
      '    restart: always',
      '  web:',
      '    extends: { file: hwaccel.yml, service: cpu }',
      '    image: web:1',
      '    restart: always',
    );
    const result = importCompose({ file: 'compose.yaml', text, dir: '/stack', readBeside }, { outDir: '/stack', schemaRef: 'orchgen.schema.json' });
    expect(result.warnings.map((w) => w.code)).toEqual(['W207']);
    expect(result.text).toBe(
      header +
        lines(
          'version: 1',
          '# the relative paths below need `project_dir` (the folder they are in where the stack runs, e.g. `project_dir: /srv/stack`) for systemd',
          'project: stack',
          'services:',
          '  # the settings of `cuda` in `hwaccel.yml` merged in, as its `extends` asks',
          '  ml:',
          '    image: ml:1',
          '    env:',
          '      MODE: gpu',
          '      LEVEL: debug',
          '    volumes: [/dev/shm:/dev/shm, ./cache:/cache]',
          '    restart: always',
          '    gpu: {count: 1}',
          '  # the settings of `cpu` in `hwaccel.yml` merged in, as its `extends` asks',
          '  web:',
          '    image: web:1',
          '    restart: always',
        ),
    );
  });

  it('fills variables in the file and the service it names first, as Compose does', () => {
    const text = lines('services:', '  ml:', '    image: ml:1', '    extends: { file: "${ACCEL_FILE:-hwaccel.yml}", service: $ACCEL }');
    const result = importCompose({ file: 'compose.yaml', text, dir: '/stack', readBeside, variables: { environment: { ACCEL: 'cuda' } } }, { outDir: '/stack', schemaRef: 'orchgen.schema.json' });
    expect(result.error).toBeUndefined();
    expect(result.text).toContain(lines('  # the settings of `cuda` in `hwaccel.yml` merged in, as its `extends` asks', '  ml:', '    image: ml:1', '    env:', '      MODE: gpu', '      LEVEL: info'));
    expect(result.warnings.map((w) => `${w.code} ${w.line}:${w.col} ${w.message}`)).toEqual([
      'W203 4:52 variables filled in as Compose would now (from the environment: $ACCEL; unset, so their defaults: $ACCEL_FILE): the orchgen.yaml holds their values, not the variables',
    ]);
  });

  it('refuses a service or a file that is not there, as Compose does', () => {
    const text = lines('services:', '  a:', '    image: a:1', '    extends: { file: hwaccel.yml, service: rocm }', '  b:', '    image: b:1', '    extends: { file: gone.yml, service: x }');
    const result = importCompose({ file: 'compose.yaml', text, dir: '/stack', readBeside }, { outDir: '/stack' });
    expect(result.text).toBeUndefined();
    expect(result.error).toBe(
      lines(
        'compose.yaml:4:14: error[E401]: extends `rocm` in `hwaccel.yml`: there is no such service; Compose refuses the file, so does the import',
        'compose.yaml:7:14: error[E401]: extends `x` in `gone.yml`: the file cannot be read or has no services; Compose refuses the file, so does the import',
      ).trimEnd(),
    );
  });
});
