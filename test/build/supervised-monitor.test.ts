import { describe, expect, it } from 'vitest';
import { compileText } from '../../src/pipeline/compile.js';
import { rendered } from '../targets/rendered.js';

const spec = [
  'version: 1',
  'project: demo',
  'project_dir: /srv/demo',
  'monitor:',
  '  supervised: true',
  '  command: [/usr/local/bin/orchgen]',
  'services:',
  '  db:',
  '    image: postgres:16',
  '  api:',
  '    command: [serve]',
  '    depends_on: [db]',
  '',
].join('\n');

describe('monitor.supervised', () => {
  const out = rendered(spec);

  it('is a systemd unit after every service, restarted whenever it ends, running the monitor on systemd', () => {
    expect(out.file('systemd/demo-orchgen-monitor.service')).toEqual([
      '[Unit]',
      'Description=orchgen monitor of demo: checks, circuit breakers and recovery through the tool',
      'PartOf=demo.target',
      'After=demo-db.service',
      'After=demo-api.service',
      'Wants=demo-db.service',
      'Wants=demo-api.service',
      'StartLimitIntervalSec=0',
      '',
      '[Service]',
      'Type=exec',
      'SyslogIdentifier=orchgen-monitor',
      'WorkingDirectory=/srv/demo',
      'EnvironmentFile=-/etc/orchgen/demo/env_optional.env',
      'ExecStart=/usr/local/bin/orchgen monitor --file orchgen.yaml --target systemd',
      'KillSignal=SIGTERM',
      'TimeoutStopSec=10s',
      'Restart=always',
      'RestartSec=1s',
      '',
      '[Install]',
      'WantedBy=demo.target',
      '',
    ]);
  });

  it('is the last supervisord program, restarted whenever it ends', () => {
    const conf = out.file('supervisor/demo.conf')!;
    expect(conf.slice(conf.indexOf('[program:demo-orchgen-monitor]'))).toEqual([
      '[program:demo-orchgen-monitor]',
      'command=/usr/local/bin/orchgen monitor --file orchgen.yaml --target supervisor',
      'directory=/srv/demo',
      'priority=300',
      'autostart=true',
      'autorestart=true',
      'startsecs=1',
      'startretries=1000000',
      'stopsignal=TERM',
      'stopwaitsecs=10',
      'stopasgroup=true',
      'killasgroup=true',
      'redirect_stderr=true',
      'stdout_logfile=/var/log/demo-orchgen-monitor.log',
      '',
    ]);
  });

  it('is the last PM2 app, running the monitor on pm2', () => {
    const file = out.file('pm2/ecosystem.config.cjs')!.join('\n');
    const apps = [...file.matchAll(/"name": "([^"]+)"/g)].map((m) => m[1]);
    expect(apps).toEqual(['demo-db', 'demo-api', 'demo-orchgen-monitor']);
    expect(file).toContain(['      "script": "/usr/local/bin/orchgen",', '      "args": [', '        "monitor",', '        "--file",', '        "orchgen.yaml",', '        "--target",', '        "pm2"', '      ],'].join('\n'));
  });

  it('is not a service of Compose or Kubernetes, and no warning counts it as left out', () => {
    expect(out.file('compose/compose.yaml')!.join('\n')).not.toContain('monitor');
    const leftOut = out.diagnostics.filter((d) => d.code === 'W102').map((d) => d.message);
    expect(leftOut).toEqual(['compose cannot run 1 of 2 services (no `image`), left out: api', 'k8s cannot run 1 of 2 services (no `image`), left out: api']);
  });

  it('starts in the last wave and stops in the first', () => {
    const compiled = compileText('orchgen.yaml', spec, ['supervisor']);
    expect(compiled.plan?.waves).toEqual([['db'], ['api'], ['orchgen-monitor']]);
    expect(compiled.plan?.shutdown[0]).toEqual(['orchgen-monitor']);
  });

  it('is not there unless asked for', () => {
    const compiled = compileText('orchgen.yaml', spec.replace('supervised: true', 'supervised: false'), ['supervisor']);
    expect(compiled.model?.services.map((s) => s.name)).toEqual(['db', 'api']);
  });
});
