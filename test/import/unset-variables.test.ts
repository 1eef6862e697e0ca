/**
 * A variable set neither in .env nor in the environment never reaches the spec as `${...}` text
 * (orchgen values are literal: a target would hand it to the process as it is). Where Compose
 * leaves a blank that still means what was written, the import does the same and warns once;
 * where the blank would change the service, or Compose itself refuses the file, the import refuses.
 */
import { describe, expect, it } from 'vitest';
import { importCompose } from '../../src/import/compose/index.js';
import { formatWarning } from '../../src/import/warnings.js';
import { lines } from './support.js';

function imported(text: string, environment: Record<string, string> = {}) {
  const variables = { environment, dotenv: { file: '.env', text: lines('OTHER=1') } };
  const result = importCompose({ file: 'compose.yaml', text, dir: '/stack', variables }, { outDir: '/stack', schemaRef: 'orchgen.schema.json' });
  return { yaml: result.text, error: result.error, warnings: result.warnings.map(formatWarning) };
}

const hint = (name: string) => `  hint: set $${name} in .env beside the Compose file (or a file given with --env-file) or in the environment of the import, or give it a default (\${${name}:-value}), and import again`;

describe('an unset variable without a default', () => {
  it('is refused, each place at once, where a blank would change the service: image, volumes, ports, env_file, devices, user, working_dir', () => {
    const { yaml, error, warnings } = imported(
      lines(
        'services:',
        '  app:',
        '    image: n8nio/n8n:${N8N_VERSION}',
        '    volumes:',
        '      - "${UPLOAD_LOCATION}:/data"',
        '      - {type: bind, source: "${SRC}", target: /src}',
        '    ports: ["${PORT}:80", "${BIND_IP}:8080:80"]',
        '    env_file: ${ENV_FILE}',
        '    devices: ["${GPU_DEVICE}:/dev/dri"]',
        '    user: ${UID}',
        '    working_dir: ${WORKDIR}',
        '  snuba:',
        '    image: $SNUBA_IMAGE',
      ),
    );
    expect(yaml).toBeUndefined();
    expect(warnings).toEqual([]);
    const blank = 'set neither in .env nor in the environment: Compose would leave a blank there, which';
    expect(error).toBe(
      lines(
        `compose.yaml:3:12: error[E402]: \`n8nio/n8n:\${N8N_VERSION}\` needs $N8N_VERSION, ${blank} names another image or none (Compose rejects \`repo:\` with no tag)`,
        hint('N8N_VERSION'),
        `compose.yaml:5:9: error[E402]: \`\${UPLOAD_LOCATION}:/data\` needs $UPLOAD_LOCATION, ${blank} mounts another path or none (Compose rejects an empty source)`,
        hint('UPLOAD_LOCATION'),
        `compose.yaml:6:30: error[E402]: \`\${SRC}\` needs $SRC, ${blank} mounts another path or none (Compose rejects an empty source)`,
        hint('SRC'),
        `compose.yaml:7:13: error[E402]: \`\${PORT}:80\` needs $PORT, ${blank} publishes another port, a random one, or on every address`,
        hint('PORT'),
        `compose.yaml:7:27: error[E402]: \`\${BIND_IP}:8080:80\` needs $BIND_IP, ${blank} publishes another port, a random one, or on every address`,
        hint('BIND_IP'),
        `compose.yaml:8:15: error[E402]: \`\${ENV_FILE}\` needs $ENV_FILE, ${blank} names no file`,
        hint('ENV_FILE'),
        `compose.yaml:9:15: error[E402]: \`\${GPU_DEVICE}:/dev/dri\` needs $GPU_DEVICE, ${blank} passes no device`,
        hint('GPU_DEVICE'),
        `compose.yaml:10:11: error[E402]: \`\${UID}\` needs $UID, ${blank} runs it as the image's own user, often root`,
        hint('UID'),
        `compose.yaml:11:18: error[E402]: \`\${WORKDIR}\` needs $WORKDIR, ${blank} runs it in the image's own folder`,
        hint('WORKDIR'),
        `compose.yaml:13:12: error[E402]: \`$SNUBA_IMAGE\` needs $SNUBA_IMAGE, ${blank} names another image or none (Compose rejects \`repo:\` with no tag)`,
        hint('SNUBA_IMAGE'),
      ).trimEnd(),
    );
  });

  it('is left blank, as Compose does, in a command, an entrypoint, labels, a health test and env values, with one warning naming them all', () => {
    const { yaml, warnings } = imported(
      lines(
        'services:',
        '  app:',
        '    image: app:1',
        "    command: serve ${EXTRA} --price '$$5' $1",
        '    entrypoint: ["/init", "${EP}"]',
        '    labels: {owner: "${OWNER}"}',
        '    environment:',
        '      TZ: ${TIMEZONE}',
        '      PRICE: cost $5 and $$6',
        '    healthcheck:',
        '      test: curl -f http://localhost/${HEALTH_PATH}',
        '    restart: always',
      ),
    );
    expect(warnings).toEqual([
      'compose.yaml:4:5: warning[W203]: $EXTRA, $EP, $OWNER, $HEALTH_PATH, $TIMEZONE are set neither in .env nor in the environment: left blank where used, as Compose does',
      'compose.yaml:6:5: warning[W201]: `labels` of `app`: orchgen has no such setting; kept under native.compose (only the Compose build has it)',
    ]);
    expect(yaml).toBe(
      lines(
        '# yaml-language-server: $schema=orchgen.schema.json',
        '# Imported from compose.yaml by `orchgen import compose`; the comments mark what needs a look.',
        '',
        'version: 1',
        'project: stack',
        "# Compose's own defaults, for the services that do not set these",
        'defaults:',
        '  health:',
        '    interval: 30s',
        '    timeout: 30s',
        'services:',
        '  app:',
        '    image: app:1',
        '    entrypoint: [/init, ""]',
        '    command: [serve, --price, $5, $1]',
        '    env:',
        '      TZ: ""',
        '      PRICE: cost $5 and $6',
        '    health:',
        '      exec: curl -f http://localhost/',
        '    restart: always',
        '    # Compose settings orchgen has no place for: only the Compose build uses them.',
        '    native:',
        '      compose:',
        '        labels: {owner: ""}',
      ),
    );
  });
});

describe('what Compose itself refuses', () => {
  it('an unset required variable and a bad substitution are refused anywhere, environment values included', () => {
    const { yaml, error } = imported(
      lines(
        'services:',
        '  app:',
        '    image: app:1',
        '    command: run ${MODE:?set MODE}',
        '    labels: {x: "${1X}"}',
        '    environment:',
        '      URL: http://${HOST:?needed}/x',
        '      NESTED: ${A:-${B:?B or A}}',
        '      BAD: a${',
      ),
    );
    expect(yaml).toBeUndefined();
    const refuses = 'Compose refuses the file, so does the import';
    const setIt = (name: string) => `  hint: set $${name} in .env beside the Compose file (or a file given with --env-file) or in the environment of the import, and import again`;
    expect(error).toBe(
      lines(
        `compose.yaml:4:14: error[E401]: \`run \${MODE:?set MODE}\`: required variable $MODE is set neither in .env nor in the environment: set MODE; ${refuses}`,
        setIt('MODE'),
        `compose.yaml:5:17: error[E401]: \`\${1X}\`: \`\${1X}\` is not a valid substitution; ${refuses}`,
        '  hint: write `$$` for a literal `$`',
        `compose.yaml:7:12: error[E401]: \`http://\${HOST:?needed}/x\`: required variable $HOST is set neither in .env nor in the environment: needed; ${refuses}`,
        setIt('HOST'),
        `compose.yaml:8:15: error[E401]: \`\${A:-\${B:?B or A}}\`: required variable $B is set neither in .env nor in the environment: B or A; ${refuses}`,
        setIt('B'),
        `compose.yaml:9:12: error[E401]: \`a\${\`: \`\${\` is not a valid substitution; ${refuses}`,
        '  hint: write `$$` for a literal `$`',
      ).trimEnd(),
    );
  });

  it('the project name is refused too when it needs an unset required variable', () => {
    const { yaml, error } = imported(lines('name: shop-${STAGE:?name the stage}', 'services:', '  app:', '    image: app:1'));
    expect(yaml).toBeUndefined();
    expect(error).toBe(
      lines(
        'compose.yaml:1:7: error[E401]: `shop-${STAGE:?name the stage}`: required variable $STAGE is set neither in .env nor in the environment: name the stage; Compose refuses the file, so does the import',
        '  hint: set $STAGE in .env beside the Compose file (or a file given with --env-file) or in the environment of the import, and import again',
      ).trimEnd(),
    );
  });

  it('a value that is only its own required variable is env_required, and a secret-named one a secret: both read when the service starts', () => {
    const { yaml, error, warnings } = imported(
      lines(
        'services:',
        '  app:',
        '    image: app:1',
        '    environment:',
        '      LEVEL: ${LEVEL:?set LEVEL}',
        '      DB_PASSWORD: ${DB_PASS:?set it}',
        '    restart: always',
      ),
    );
    expect(error).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(yaml).toContain(
      lines(
        '    env:',
        '      # was ${DB_PASS:?set it} in the Compose file: a secret, read from $DB_PASS when the service starts',
        '      DB_PASSWORD: {secret: true, from: DB_PASS}',
        '    # LEVEL: was ${LEVEL:?set LEVEL} in the Compose file; orchgen requires it to be set',
        '    env_required: [LEVEL]',
      ),
    );
  });

  it('the value set in the environment is filled in where a blank is refused', () => {
    const { yaml, error } = imported(lines('services:', '  app:', '    image: n8nio/n8n:${N8N_VERSION}', '    volumes: ["${DATA}:/data"]', '    restart: always'), { N8N_VERSION: '1.2', DATA: '/srv/n8n' });
    expect(error).toBeUndefined();
    expect(yaml).toContain(lines('    image: n8nio/n8n:1.2', '    volumes: [/srv/n8n:/data]'));
  });
});
