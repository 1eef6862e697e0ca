import { containerWrapper } from '../../../src/targets/shared/container/wrapper.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTool, hasSupervisord, tempDir, type TempDir } from '../../support/tools.js';
import { buildInto, byName, readBack, writeMainConf, type ParsedProgram } from './helpers.js';

const shop = readFileSync(new URL('./fixtures/shop.yaml', import.meta.url), 'utf8');

await describeWithTool("supervisor target: supervisord's own parser reads the conf", hasSupervisord, () => {
  let dir: TempDir;
  let programs: ParsedProgram[];
  let logDir: string;

  beforeAll(async () => {
    dir = await tempDir('orchgen-supervisor-parse-');
    logDir = path.join(dir.path, 'logs');
    const built = buildInto(dir.path, shop, (model) => {
      model.settings.supervisor.logDir = logDir;
    });
    programs = await readBack(writeMainConf(dir.path, built.conf));
  });
  afterAll(() => dir?.cleanup());

  it('makes every program, the variant too, a group of its own with its priority', () => {
    const groups = programs.map((p) => [p.group, p.name, p.priority]);
    expect(groups.sort()).toEqual([
      ['shop-api', 'shop-api', 300],
      ['shop-api--cpu', 'shop-api--cpu', 300],
      ['shop-db', 'shop-db', 100],
      ['shop-migrate', 'shop-migrate', 200],
    ]);
  });

  it('reads back the exec command, env and settings of a host process', () => {
    const db = byName(programs, 'shop-db');
    const account = 'HOME=~nobody; USER=nobody; LOGNAME=nobody; export HOME USER LOGNAME; exec "$@"';
    expect(db.argv).toEqual(['/bin/sh', '-c', account, 'sh', '/usr/bin/db', '--data', '/var/lib/db', '--motd', "100% up; it's #1"]);
    expect(db.environment).toEqual({ DB_PASSWORD: 'p%ss word', GREETING: 'say "hi" now' });
    expect(db).toMatchObject({
      directory: '/var/lib/db',
      uid: 65534,
      priority: 100,
      autostart: true,
      autorestart: 'unexpected',
      exitcodes: [0],
      startsecs: 10,
      startretries: 3,
      stopsignal: 'SIGINT',
      stopwaitsecs: 5,
      stopasgroup: true,
      killasgroup: true,
      redirect_stderr: true,
      stdout_logfile: `${logDir}/db.log`,
    });
  });

  it("resolves %(here)s to the conf's folder, so relative env files are the spec's", () => {
    const migrate = byName(programs, 'shop-migrate');
    const confDir = path.join(dir.path, 'out', 'supervisor');
    expect(migrate.argv).toEqual([
      '/bin/sh', '-c', 'set -a; . "$1"; set +a; shift 1; exec "$@"', 'sh',
      `${confDir}/../../db.env`,
      '/bin/sh', '-c', 'exec /usr/bin/migrate --to latest',
    ]);
    expect(path.resolve(migrate.argv[4]!)).toBe(path.join(dir.path, 'db.env'));
    expect(migrate).toMatchObject({ priority: 200, autorestart: 'false', startsecs: 0, startretries: 0 });
  });

  it('runs a container through docker run with env names only, values in the environment', () => {
    const api = byName(programs, 'shop-api');
    const confDir = path.join(dir.path, 'out', 'supervisor');
    expect(api.argv.slice(0, 6)).toEqual(['/bin/sh', '-c', containerWrapper(true), 'sh', 'shop-api', 'shop']);
    expect(api.argv.slice(6)).toEqual([
      'docker', 'run', '--rm', '--name', 'shop-api', '--network', 'shop_default', '--network-alias', 'api',
      '--env-file', `${confDir}/../../api.env`,
      '-e', 'PORT', '-e', 'API_TOKEN',
      '-p', '127.0.0.1:8080:8080',
      '-v', `${confDir}/../../data:/data:ro`, '-v', 'shop_cache:/cache',
      '--gpus', '"device=0,1"', '--cpus', '1.5',
      '--stop-signal', 'SIGTERM', '--stop-timeout', '10',
      'example/api:1.0', 'serve', '--port', '8080',
    ]);
    expect(api.environment).toEqual({ PORT: '8080' });
    expect(api).toMatchObject({ priority: 300, autorestart: 'true', startsecs: 5, startretries: 1_000_000 });
  });

  it('reads the fallback variant as a program that does not start by itself', () => {
    const variant = byName(programs, 'shop-api--cpu');
    expect(variant.environment).toEqual({ PORT: '8080', DEVICE: 'cpu' });
    expect(variant.argv.slice(variant.argv.indexOf('--gpus'), variant.argv.indexOf('--gpus') + 2)).toEqual(['--gpus', 'count=1']);
    expect(variant).toMatchObject({ autostart: false, priority: 300, stdout_logfile: `${logDir}/api--cpu.log` });
  });
});

await describeWithTool('supervisor target: a log folder supervisord formats twice', hasSupervisord, () => {
  it('reads the log file path back exactly', async () => {
    const dir = await tempDir('orchgen-supervisor-logs-');
    try {
      const logDir = path.join(dir.path, 'lo%gs ;x #y %(here)s 100%');
      const yaml = `version: 1\nproject: p\nservices:\n  app: { command: [/bin/true] }\ntargets:\n  supervisor: { log_dir: ${JSON.stringify(logDir)} }\n`;
      const built = buildInto(dir.path, yaml);
      const [app] = await readBack(writeMainConf(dir.path, built.conf));
      expect(app!.stdout_logfile).toBe(`${logDir}/app.log`);
    } finally {
      await dir.cleanup();
    }
  });
});
