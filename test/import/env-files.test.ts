/**
 * Compose reads an env_file with quotes, comments and `${VAR}`; orchgen's other targets read it as
 * `docker run --env-file` does, each value as written. The import names the lines that differ once.
 */
import { expect, it } from 'vitest';
import { importCompose } from '../../src/import/compose/index.js';
import { formatWarning } from '../../src/import/warnings.js';
import { lines } from './support.js';

const files: Record<string, string> = {
  'app.env': lines('# settings', 'PLAIN=a b', "SECRET_KEY='r(m)9$(_q'", 'URL=http://${HOST}/x', 'LEVEL=info # the default', '  INDENTED=kept'),
  'plain.env': lines('A=1', 'B=two words', 'C=100%'),
};

it('names each env_file line Compose reads otherwise, and the services using it, in one warning; plain files and missing ones are not mentioned', () => {
  const text = lines(
    'services:',
    '  a:',
    '    image: a:1',
    '    env_file: app.env',
    '    restart: always',
    '  b:',
    '    image: b:1',
    '    env_file: [app.env, plain.env, missing.env]',
    '    restart: always',
  );
  const result = importCompose({ file: 'compose.yaml', text, dir: '/stack', readBeside: (path) => files[path] }, { outDir: '/stack' });
  expect(result.warnings.map(formatWarning)).toEqual([
    "compose.yaml:4:5: warning[W207]: relative paths (env_file of `a`, `b`) are found from the orchgen.yaml's folder by Compose, PM2 and supervisord; systemd places them only when `project_dir` says where they are when the stack runs (e.g. `project_dir: /srv/stack`)",
    "compose.yaml:4:5: warning[W204]: env_file values Compose reads otherwise than docker run --env-file, the way orchgen's other targets read them (Compose removes quotes, cuts comments, fills in ${VAR}; the others take each value as written): `app.env` lines 3, 4, 5 (of `a`, `b`); write those values plain so every target gets the same",
  ]);
});
