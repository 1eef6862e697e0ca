import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileText, planFiles } from '../../../src/output/plan.js';
import { containerWrapper } from '../../../src/targets/shared/container/wrapper.js';
import { shellJoin } from '../../../src/targets/shared/shell.js';
import { renderSpec } from './helpers.js';

const wrapper = shellJoin([containerWrapper(true)]);

const shop = readFileSync(new URL('./fixtures/shop.yaml', import.meta.url), 'utf8');

const expectedConf = `
# Database
[program:shop-db]
command=/bin/sh -c 'HOME=~nobody; USER=nobody; LOGNAME=nobody; export HOME USER LOGNAME; exec "$@"' sh /usr/bin/db --data /var/lib/db --motd '100%% up; it'\\''s %(here).0s#1'
directory=/var/lib/db
user=nobody
environment=DB_PASSWORD="p%%ss word",GREETING='say "hi" now'
priority=100
autostart=true
autorestart=unexpected
exitcodes=0
startsecs=10
startretries=3
stopsignal=INT
stopwaitsecs=5
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=/var/log/shop/db.log

[program:shop-migrate]
command=/bin/sh -c 'set -a; . "$1"; set +a; shift 1; exec "$@"' sh '%(here)s/../../db.env' /bin/sh -c 'exec /usr/bin/migrate --to latest'
priority=200
autostart=true
autorestart=false
startsecs=0
startretries=0
stopsignal=TERM
stopwaitsecs=10
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=/var/log/shop/migrate.log

[program:shop-api]
command=/bin/sh -c ${wrapper} sh shop-api shop docker run --rm --name shop-api --network shop_default --network-alias api --env-file '%(here)s/../../api.env' -e PORT -e API_TOKEN -p 127.0.0.1:8080:8080 -v '%(here)s/../../data:/data:ro' -v shop_cache:/cache --gpus '"device=0,1"' --cpus 1.5 --stop-signal SIGTERM --stop-timeout 10 example/api:1.0 serve --port 8080
environment=PORT="8080"
priority=300
autostart=true
autorestart=true
startsecs=5
startretries=1000000
stopsignal=TERM
stopwaitsecs=15
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=/var/log/shop/api.log
stdout_logfile_maxbytes=10MB

[program:shop-api--cpu]
command=/bin/sh -c ${wrapper} sh shop-api shop docker run --rm --name shop-api --network shop_default --network-alias api --env-file '%(here)s/../../api.env' -e PORT -e DEVICE -e API_TOKEN -p 127.0.0.1:8080:8080 -v '%(here)s/../../data:/data:ro' -v shop_cache:/cache --gpus count=1 --cpus 1.5 --stop-signal SIGTERM --stop-timeout 10 example/api:1.0 serve --port 8080
environment=PORT="8080",DEVICE="cpu"
priority=300
autostart=false
autorestart=true
startsecs=5
startretries=1000000
stopsignal=TERM
stopwaitsecs=15
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=/var/log/shop/api--cpu.log
stdout_logfile_maxbytes=10MB
`;

const expectedNotes = [
  'supervisord has no dependency waits or health checks: each program is a group of its own with priority 100 x its startup wave, and supervisord starts them lowest first without waiting; `orchgen up` waits for dependencies and health.',
  "Stopped in reverse dependency order, each program stopped before the next is signalled: by supervisord's own shutdown (SIGTERM, `supervisorctl shutdown` or `reload`), or `supervisorctl stop shop-api shop-migrate shop-db` (one after the other, as listed). `supervisorctl stop all` signals every program at once.",
  'supervisord has no restart delay or backoff: it restarts at once a program that ran startsecs, and retries one that exited sooner after 1, 2, 3... s.',
  'restart.max_attempts is startretries, with startsecs=10: only runs shorter than 10 s count as attempts, and one that ran longer is restarted at once and clears the count: db (3).',
  'startretries=1000000 stands for unlimited restarts.',
  'Fallback variants are the programs <program>--<fallback>, with autostart=false: `orchgen up` stops the program and starts the variant.',
  'Programs log to /var/log/shop/<service>.log: the folder must exist before supervisord reads this file, or it refuses the whole configuration.',
  'Memory and CPU limits of host processes are not applied: db.',
  "env_required keys come from supervisord's own environment: API_TOKEN.",
  "supervisord's user= changes only the uid: a shell sets HOME (looked up on the host), USER and LOGNAME of the account first: db.",
  'A shell sources the env_file of a host process after supervisord sets its environment: values in the file win over env.',
  'Relative paths of the spec are reached from %(here)s, the folder of this file: include it from where it was built.',  "Containers that set no network join shop_default with their service name as alias, so they reach each other by name, as under Compose: api. The wrapper creates the network with Compose's labels when it is missing (under flock) and tries to remove it once its container ended, so the last one out removes it.",
];

describe('supervisor target: golden output', () => {
  it('writes the exact conf for a small stack', () => {
    const { artifacts } = renderSpec(shop, '../..');
    expect(artifacts.map((a) => a.path)).toEqual(['shop.conf']);
    expect(artifacts[0]!.content).toBe(expectedConf);
    expect(artifacts[0]!.notes).toEqual(expectedNotes);
  });

  it('warns with W103 for what supervisord cannot express, once per cause', () => {
    const { diagnostics } = renderSpec(shop, '../..');
    expect(diagnostics.map((d) => [d.code, d.path.join('.')])).toEqual([
      ['W103', 'services.db.health'],
      ['W103', 'services.db.resources'],
      ['W103', 'services.migrate.depends_on'],
      ['W103', 'services.api.restart'],
    ]);
    expect(diagnostics[2]!.message).toBe(
      'services `migrate`, `api`: supervisord has no dependency waits or health checks (priority orders the starts without waiting); `orchgen up` waits for their dependencies',
    );
  });

  it('puts the notes into the header of the written file', () => {
    const { artifacts } = renderSpec(shop, '../..');
    const [file] = planFiles(artifacts.map((a) => ({ ...a, path: `supervisor/${a.path}` })), '/x/orchgen.yaml', '/x/out');
    expect(fileText(file!)).toBe(
      [
        '# Generated by orchgen from ../orchgen.yaml.',
        '# Do not edit: change the source and run `orchgen build`.',
        ...expectedNotes.map((n) => `# NOTE: ${n}`),
      ].join('\n') + `\n${expectedConf}`,
    );
  });

  it('gives the same bytes for the same input', () => {
    expect(renderSpec(shop, '../..').artifacts).toEqual(renderSpec(shop, '../..').artifacts);
  });

  it('writes nothing for a stack with no service on supervisor', () => {
    const yaml = 'version: 1\nproject: p\nservices:\n  web: { image: nginx, targets: [compose] }\n';
    expect(renderSpec(yaml).artifacts).toEqual([]);
  });
});
