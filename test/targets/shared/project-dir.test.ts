/**
 * `project_dir` on every target: relative bind sources and env files are anchored there, a host
 * process without `workdir` runs there; absolute paths and named volumes stay as written. Without
 * it, Compose, PM2 and supervisord find relative paths from their own file, as before.
 */
import { describe, expect, it } from 'vitest';
import { renderTargets } from '../../../src/pipeline/render.js';
import { compileText } from '../../../src/pipeline/compile.js';
import { anchoredPath } from '../../../src/model/project-dir.js';
import { type TargetName } from '../../../src/model/types.js';
import { targetNames } from '../../../src/targets/all.js';

const spec = (projectDir: string) => `version: 1
project: shop
${projectDir}services:
  db:
    image: postgres:16
    env_file: [./db.env, /etc/shop/extra.env]
    volumes: ["./data:/var/lib/postgresql/data", "../shared/conf:/etc/conf:ro", "pgdata:/x", "/abs:/abs"]
  api:
    command: [/usr/bin/api]
    env_file: api.env
    depends_on: [db]
  worker:
    command: [/usr/bin/worker]
    workdir: /opt/worker
`;

/** The lines of each file the targets render; systemd refuses relative paths without project_dir, so it can be left out. */
function build(projectDir: string, targets: readonly TargetName[] = targetNames): (path: string, part?: 'content' | 'notes') => string[] {
  const compiled = compileText('orchgen.yaml', spec(projectDir), targets);
  expect(compiled.diagnostics).toEqual([]);
  const rendered = renderTargets({ model: compiled.model!, plan: compiled.plan! }, targets, { specFile: '/home/dev/shop/orchgen.yaml', outDir: '/home/dev/shop/out' });
  expect(rendered.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return (path, part = 'content') => {
    const artifact = rendered.artifacts.find((a) => a.path === path)!;
    return part === 'notes' ? (artifact.notes ?? []) : artifact.content.split('\n');
  };
}

/** The lines of `lines` that mention one of `words`. */
const mentioning = (lines: string[], ...words: string[]) => lines.filter((line) => words.some((word) => line.includes(word)));

describe('project_dir: /srv/shop/ (a trailing slash is dropped)', () => {
  const file = build('project_dir: /srv/shop/\n');

  it('systemd: absolute paths in docker run, WorkingDirectory and EnvironmentFile', () => {
    expect(mentioning(file('systemd/shop-db.service'), 'ExecStart=')).toEqual([
      'ExecStart=/usr/bin/docker run --rm --name shop-db --network shop_default --network-alias db --env-file /srv/shop/db.env --env-file /etc/shop/extra.env -v /srv/shop/data:/var/lib/postgresql/data -v /srv/shared/conf:/etc/conf:ro -v shop_pgdata:/x -v /abs:/abs --stop-signal SIGTERM --stop-timeout 10 postgres:16',
    ]);
    expect(mentioning(file('systemd/shop-api.service'), 'WorkingDirectory=', 'EnvironmentFile=', 'ExecStart=')).toEqual([
      'WorkingDirectory=/srv/shop',
      'EnvironmentFile=/srv/shop/api.env',
      'ExecStart=/usr/bin/api',
    ]);
    expect(mentioning(file('systemd/shop-worker.service'), 'WorkingDirectory=')).toEqual(['WorkingDirectory=/opt/worker']);
  });

  it('Compose: absolute paths instead of paths relative to the Compose file', () => {
    expect(mentioning(file('compose/compose.yaml'), '/')).toEqual([
      '      - "/srv/shop/db.env"',
      '      - "/etc/shop/extra.env"',
      '      - "/srv/shop/data:/var/lib/postgresql/data"',
      '      - "/srv/shared/conf:/etc/conf:ro"',
      '      - "pgdata:/x"',
      '      - "/abs:/abs"',
    ]);
  });

  it('PM2: absolute paths instead of fromSpec(); a host process runs in project_dir', () => {
    expect(mentioning(file('pm2/ecosystem.config.cjs'), '/srv/', '"cwd"', 'fromSpec("')).toEqual([
      '        "/srv/shop/db.env",',
      '        "/srv/shop/data:/var/lib/postgresql/data",',
      '        "/srv/shared/conf:/etc/conf:ro",',
      '      "cwd": fromSpec("."),',
      '      "cwd": "/opt/worker",',
      '        "/srv/shop/api.env",',
      '      "cwd": "/srv/shop",',
    ]);
  });

  it('supervisord: absolute paths instead of %(here)s; a host process runs in project_dir', () => {
    const conf = file('supervisor/shop.conf');
    expect(mentioning(conf, '%(here)s')).toEqual([]);
    expect(mentioning(conf, 'directory=', 'sh /srv/shop/api.env')).toEqual([
      `command=/bin/sh -c 'set -a; . "$1"; set +a; shift 1; exec "$@"' sh /srv/shop/api.env /usr/bin/api`,
      'directory=/srv/shop',
      'directory=/opt/worker',
    ]);
    expect(mentioning(conf, 'docker run').map((line) => line.slice(line.indexOf('docker run')))).toEqual([
      'docker run --rm --name shop-db --network shop_default --network-alias db --env-file /srv/shop/db.env --env-file /etc/shop/extra.env -v /srv/shop/data:/var/lib/postgresql/data -v /srv/shared/conf:/etc/conf:ro -v shop_pgdata:/x -v /abs:/abs --stop-signal SIGTERM --stop-timeout 10 postgres:16',
    ]);
  });

  it('Kubernetes: a hostPath under project_dir instead of an empty folder', () => {
    const db = file('k8s/base/db.yaml');
    expect(mentioning(db, 'path: ', 'emptyDir')).toEqual(['            path: "/srv/shop/data"', '            path: "/srv/shared/conf"', '            path: "/abs"']);
    expect(mentioning(file('k8s/base/db.yaml', 'notes'), 'srv', 'empty folder')).toEqual([
      'db: /srv/shop/data is a hostPath of type Directory: the pod does not start unless it exists on its node.',
      'db: /srv/shared/conf is a hostPath of type Directory: the pod does not start unless it exists on its node.',
      "db: env_file /srv/shop/db.env is read from the ConfigMap db-env-file-1; create it first (from the spec's folder): kubectl create configmap db-env-file-1 --from-env-file=/srv/shop/db.env",
    ]);
  });
});

describe('without project_dir, relative paths are found from each file as before', () => {
  const file = build('', ['compose', 'pm2', 'supervisor', 'k8s']);

  it('Compose: relative to the Compose file', () => {
    expect(mentioning(file('compose/compose.yaml'), 'db.env', ':/var/lib', ':/etc/conf')).toEqual([
      '      - "../../db.env"',
      '      - "../../data:/var/lib/postgresql/data"',
      '      - "../../../shared/conf:/etc/conf:ro"',
    ]);
  });

  it('PM2: fromSpec(); a host process without workdir runs in the spec folder', () => {
    expect(mentioning(file('pm2/ecosystem.config.cjs'), 'fromSpec("')).toEqual([
      '        fromSpec("./db.env"),',
      '        fromSpec("./data", ":/var/lib/postgresql/data"),',
      '        fromSpec("../shared/conf", ":/etc/conf:ro"),',
      '      "cwd": fromSpec("."),',
      '        fromSpec("api.env"),',
      '      "cwd": fromSpec("."),',
    ]);
  });

  it('supervisord: %(here)s; no directory for a host process without workdir', () => {
    const conf = file('supervisor/shop.conf');
    expect(mentioning(conf, 'directory=')).toEqual(['directory=/opt/worker']);
    expect(mentioning(conf, '%(here)s').map((line) => line.match(/%\(here\)s[^ ']*/g))).toEqual([
      ['%(here)s/../../db.env', '%(here)s/../../data:/var/lib/postgresql/data', '%(here)s/../../../shared/conf:/etc/conf:ro'],
      ['%(here)s/../../api.env'],
    ]);
  });

  it('Kubernetes: an empty folder', () => {
    expect(mentioning(file('k8s/base/db.yaml'), 'emptyDir')).toEqual(['          emptyDir: {}', '          emptyDir: {}']);
  });
});

describe('anchoredPath', () => {
  it.each([
    ['./data', '/srv/shop', '/srv/shop/data'],
    ['data/', '/srv/shop', '/srv/shop/data'],
    ['.', '/srv/shop/', '/srv/shop'],
    ['../x', '/', '/x'],
    ['.', '/', '/'],
    ['/abs', '/srv/shop', '/abs'],
    ['~/cache', '/srv/shop', '~/cache'],
    ['./data', undefined, './data'],
  ])('%j in %j is %j', (path, projectDir, expected) => {
    expect(anchoredPath(path, projectDir)).toBe(expected);
  });
});
