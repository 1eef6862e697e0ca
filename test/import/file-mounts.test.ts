import { describe, expect, it } from 'vitest';
import { importCompose } from '../../src/import/compose/index.js';
import { rendered } from '../targets/rendered.js';
import { draftHeader, importText, lines, specDiagnostics } from './support.js';

const compose = lines(
  'services:',
  '  db:',
  '    image: mariadb',
  '    restart: always',
  '    environment: {MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_pw}',
  '    secrets: [db_pw, {source: tls, target: server.key, mode: 0400, uid: "999"}]',
  '    configs: [my_cnf, {source: extra, target: /etc/mysql/conf.d/extra.cnf}]',
  'secrets:',
  '  db_pw: {file: ./secrets/db_pw.txt}',
  '  tls: {file: /etc/ssl/private/server.key}',
  '  unused: {environment: NOT_MOUNTED}',
  'configs:',
  '  my_cnf: {file: my.cnf}',
  '  extra: {file: "${CONF_DIR:-./conf}/extra.cnf"}',
);

describe('file-based secrets and configs', () => {
  it('become read-only bind mounts of their files where Compose mounts them: /run/secrets/<name>, /<name>, or their target', () => {
    const { yaml, warnings } = importText(compose);
    expect(yaml).toBe(
      draftHeader +
        lines(
          '# values filled in at import as Compose would (unset, so their defaults: CONF_DIR); import again after changing them',
          '',
          'version: 1',
          '# the relative paths below need `project_dir` (the folder they are in where the stack runs, e.g. `project_dir: /srv/stack`) for systemd',
          'project: stack',
          'services:',
          '  db:',
          '    image: mariadb',
          '    env:',
          '      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_pw',
          '    # the secrets of the Compose file (db_pw, tls): their files, mounted read-only where Compose mounts them',
          '    # the configs of the Compose file (my_cnf, extra): their files, mounted read-only where Compose mounts them',
          '    volumes:',
          '      - ./secrets/db_pw.txt:/run/secrets/db_pw:ro',
          '      - /etc/ssl/private/server.key:/run/secrets/server.key:ro',
          '      - ./my.cnf:/my_cnf:ro',
          '      - ./conf/extra.cnf:/etc/mysql/conf.d/extra.cnf:ro',
          '    restart: always',
        ),
    );
    expect(warnings).toEqual([
      "compose.yaml:2:3: warning[W207]: relative paths (volumes of `db`) are found from the orchgen.yaml's folder by Compose, PM2 and supervisord; systemd places them only when `project_dir` says where they are when the stack runs (e.g. `project_dir: /srv/stack`), and Kubernetes mounts an empty folder for a relative volume without it",
      'compose.yaml:6:22: warning[W205]: mode, uid of the secret `tls` of `db` dropped: the file is mounted as it is, read-only, as Compose mounts a file outside a swarm',
      'compose.yaml:14:11: warning[W203]: variables filled in as Compose would now (unset, so their defaults: $CONF_DIR): the orchgen.yaml holds their values, not the variables',
    ]);
    expect(specDiagnostics(yaml)).toEqual([]);
  });

  it('every container target mounts the file read-only at the same place', () => {
    const spec = importText(compose).yaml.replace(/^project: stack$/m, 'project: stack\nproject_dir: /srv/stack');
    const { file } = rendered(spec);
    const secret = '/srv/stack/secrets/db_pw.txt:/run/secrets/db_pw:ro';
    expect(file('systemd/stack-db.service')!.find((l) => l.startsWith('ExecStart='))).toContain(` -v ${secret} `);
    expect(file('supervisor/stack.conf')!.find((l) => l.startsWith('command='))).toContain(` -v ${secret} `);
    expect(file('pm2/ecosystem.config.cjs')).toContain(`        "${secret}",`);
    expect(file('compose/compose.yaml')).toContain(`      - "${secret}"`);
    expect(file('k8s/base/db.yaml')!.join('\n')).toContain(['            - name: "host-1"', '              mountPath: "/run/secrets/db_pw"', '              readOnly: true'].join('\n'));
  });

  it('refuses a secret or config that is no file, and one the file does not define, all at once', () => {
    const text = lines(
      'services:',
      '  a:',
      '    image: a',
      '    secrets: [from_env, swarm, nameless, missing]',
      '    configs: [inline]',
      'secrets:',
      '  from_env: {environment: TOKEN}',
      '  swarm: {external: true}',
      '  nameless: {name: x}',
      'configs:',
      '  inline: {content: "hello"}',
    );
    expect(importCompose({ file: 'compose.yaml', text, dir: '/stack' }, { outDir: '/stack', schemaRef: 'x' })).toEqual({
      warnings: [],
      error: [
        'compose.yaml:4:15: error[E403]: secret `from_env` of `a` comes from the environment variable `TOKEN`: orchgen mounts a file only',
        '  hint: write the value to a file and name it with `file:`, or give the value to the service as an env secret ({secret: true, from: TOKEN}) if it reads one',
        'compose.yaml:4:25: error[E403]: secret `swarm` of `a` is external, made in a swarm (Compose outside a swarm cannot mount it either): orchgen mounts a file only',
        '  hint: write the value to a file and name it with `file:`, or give the value to the service as an env secret ({secret: true, from: VAR})',
        'compose.yaml:4:32: error[E403]: secret `nameless` of `a` names no file: orchgen mounts a file only',
        '  hint: write the value to a file and name it with `file:`',
        'compose.yaml:4:42: error[E401]: `a` uses the secret `missing`, which the file does not define; Compose refuses the file, so does the import',
        '  hint: define it under the top-level `secrets:` with `file:`',
        'compose.yaml:5:15: error[E403]: config `inline` of `a` is written inline (`content:`): orchgen mounts a file only',
        '  hint: write the value to a file and name it with `file:` beside the Compose file',
      ].join('\n'),
    });
  });
});
