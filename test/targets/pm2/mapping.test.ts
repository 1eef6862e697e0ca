import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileText } from '../../../src/pipeline/compile.js';
import { pm2Target } from '../../../src/targets/pm2/index.js';
import { tempDir, type TempDir } from '../../support/tools.js';
import { buildInto, buildPm2, loadEcosystem, type App } from './support.js';

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir('orchgen-pm2-map-');
});
afterAll(() => dir.cleanup());

let counter = 0;
/** The apps of a one-off build, loaded as PM2 loads them; the spec sits in its own folder. */
function appsOf(services: string, extra = ''): App[] {
  const stack = path.join(dir.path, `stack-${++counter}`);
  const { ecosystem } = buildInto(stack, `version: 1\nproject: p\nservices:\n${services}${extra}`);
  return loadEcosystem(ecosystem).apps;
}

function appOf(service: string): App {
  return appsOf(`  s:\n${service.replace(/^/gm, '    ')}\n`)[0]!;
}

const wrapperArgs = (app: App) => app.args.slice(3);

describe('pm2 apps', () => {
  it('runs an exec-form command directly, its arguments as an array', () => {
    const app = appOf('command: [/bin/echo, "a b", ""]');
    expect(app).toMatchObject({ name: 'p-s', namespace: 'p', script: '/bin/echo', args: ['a b', ''], interpreter: 'none' });
  });

  it('runs a shell-form command through /bin/sh -c', () => {
    expect(appOf('command: "echo $HOME | wc"')).toMatchObject({ script: '/bin/sh', args: ['-c', 'echo $HOME | wc'] });
  });

  it('works in the spec folder unless the service names a workdir', () => {
    const stack = path.join(dir.path, `stack-${counter + 1}`);
    expect(appOf('command: [x]').cwd).toBe(stack);
    expect(appOf('command: [x]\nworkdir: /srv').cwd).toBe('/srv');
  });

  it('reads env files literally through /bin/sh and keeps the arguments exact', () => {
    const stack = path.join(dir.path, `stack-${counter + 1}`);
    const app = appOf('command: [/bin/echo, "a  b"]\nenv_file: [conf/a.env, /etc/b.env]');
    expect(app.script).toBe('/bin/sh');
    const read = 'line=${line#"${line%%[![:space:]]*}"}; case $line in "" | "#"*) ;; *=*) export "${line%%=*}=${line#*=}" ;; *) export "$line" ;; esac';
    const script = `for file in "$1" "$2"; do while IFS= read -r line || [ -n "$line" ]; do ${read}; done < "$file" || exit 1; done; shift 2; exec "$@"`;
    expect(app.args).toEqual(['-c', script, 'sh', path.join(stack, 'conf/a.env'), '/etc/b.env', '/bin/echo', 'a  b']);
  });

  it('runs a container under the wrapper with env values only in the environment', () => {
    const stack = path.join(dir.path, `stack-${counter + 1}`);
    const app = appOf(
      [
        'image: busybox:1',
        'command: [sleep, "9"]',
        'user: nobody',
        'workdir: /w',
        'env: { SECRET: "s3 cr\'et" }',
        'env_required: [TOKEN]',
        'env_file: x.env',
        'ports: ["8080:80", "[::1]:53:53/udp"]',
        'volumes: ["data:/data", "./src:/src:ro", "/abs:/abs"]',
        'resources: { memory: 1G, cpus: 0.5 }',
        'gpu: { device_ids: ["0", "2"] }',
        'stop: { signal: SIGINT, timeout: 1500ms }',
      ].join('\n'),
    );
    expect(app.script).toBe('/bin/sh');
    expect(app.args.slice(0, 4)).toEqual(['-c', app.args[1], 'sh', 'p-s']);
    expect(wrapperArgs(app)).toEqual([
      'p-s', 'p', 'docker', 'run', '--rm', '--name', 'p-s', '--network', 'p_default', '--network-alias', 's', '--user', 'nobody', '--workdir', '/w',
      '--env-file', path.join(stack, 'x.env'), '-e', 'SECRET', '-e', 'TOKEN',
      '-p', '8080:80', '-p', '[::1]:53:53/udp',
      '-v', 'p_data:/data', '-v', `${path.join(stack, 'src')}:/src:ro`, '-v', '/abs:/abs',
      '--gpus', '"device=0,2"', '--memory', '1073741824', '--cpus', '0.5',
      '--stop-signal', 'SIGINT', '--stop-timeout', '2', 'busybox:1', 'sleep', '9',
    ]);
    expect(app.env).toEqual({ TOKEN: 'value-of-TOKEN', SECRET: "s3 cr'et" });
    expect(app).toMatchObject({ kill_timeout: 6500, treekill: false });
    expect(app).not.toHaveProperty('uid');
    expect(app).not.toHaveProperty('max_memory_restart');
  });

  it('asks docker for GPUs by count, with capabilities when they are not the default', () => {
    const gpus = (gpu: string) => {
      const args = wrapperArgs(appOf(`image: x\ngpu: ${gpu}`));
      return args[args.indexOf('--gpus') + 1];
    };
    expect(gpus('{ count: all }')).toBe('all');
    expect(gpus('{ count: 2 }')).toBe('count=2');
    expect(gpus('{ count: 1, capabilities: [compute, utility] }')).toBe('count=1,"capabilities=compute,utility"');
  });

  it('runs a shell-form container command through /bin/sh -c in the container', () => {
    expect(wrapperArgs(appOf('image: x\ncommand: "a && b"')).slice(-4)).toEqual(['x', '/bin/sh', '-c', 'a && b']);
  });

  it('shows GPUs to a process through CUDA_VISIBLE_DEVICES, unless env sets it', () => {
    expect(appOf('command: [x]\ngpu: { count: 2 }').env).toEqual({ CUDA_VISIBLE_DEVICES: '0,1' });
    expect(appOf('command: [x]\ngpu: { device_ids: ["3", "GPU-ab"] }').env).toEqual({ CUDA_VISIBLE_DEVICES: '3,GPU-ab' });
    expect(appOf('command: [x]\ngpu: { count: all }').env).toEqual({});
    expect(appOf('command: [x]\ngpu: { count: 2 }\nenv: { CUDA_VISIBLE_DEVICES: "7" }').env).toEqual({ CUDA_VISIBLE_DEVICES: '7' });
  });

  it('maps restart policies, attempts and delays', () => {
    const keys = ['autorestart', 'stop_exit_codes', 'max_restarts', 'min_uptime', 'restart_delay', 'exp_backoff_restart_delay'];
    const restart = (value: string) => Object.fromEntries(Object.entries(appOf(`command: [x]\nrestart: ${value}`)).filter(([k]) => keys.includes(k)));
    expect(restart('"no"')).toEqual({ autorestart: false });
    expect(restart('always')).toEqual({ autorestart: true, max_restarts: Number.MAX_SAFE_INTEGER, restart_delay: 1000 });
    expect(restart('on-failure')).toEqual({ autorestart: true, stop_exit_codes: [0], max_restarts: Number.MAX_SAFE_INTEGER, restart_delay: 1000 });
    expect(restart('{ policy: always, max_attempts: 1, delay: 0s }')).toEqual({ autorestart: true, max_restarts: 2, min_uptime: Number.MAX_SAFE_INTEGER });
    expect(restart('{ policy: always, backoff: exponential, delay: 500ms }')).toEqual({ autorestart: true, max_restarts: Number.MAX_SAFE_INTEGER, exp_backoff_restart_delay: 500 });
  });

  it('maps stop timeout, memory and user for processes', () => {
    expect(appOf('command: [x]\nstop: { timeout: 3s }\nresources: { memory: 512M }\nuser: www-data')).toMatchObject({
      kill_timeout: 3000,
      max_memory_restart: 536870912,
      uid: 'www-data',
    });
  });

  it('writes logs under targets.pm2.log_dir with exact names', () => {
    const [app] = appsOf('  s:\n    command: [x]\n', 'targets:\n  pm2: { log_dir: /var/log/p/ }\n');
    expect(app).toMatchObject({ out_file: '/var/log/p/p-s-out.log', error_file: '/var/log/p/p-s-error.log', merge_logs: true });
  });

  it('merges native.pm2 into the app, objects key by key', () => {
    const app = appOf('command: [x]\nenv: { A: "1" }\nnative:\n  pm2: { time: true, kill_timeout: 99, env: { B: "2" } }');
    expect(app).toMatchObject({ time: true, kill_timeout: 99, env: { A: '1', B: '2' } });
  });

  it('lists apps in startup waves, declaration order within a wave', () => {
    const apps = appsOf(['  web:', '    command: [x]', '    depends_on: [api]', '  api:', '    command: [x]', '    depends_on: [db]', '  db:', '    command: [x]', '  log:', '    command: [x]', ''].join('\n'));
    expect(apps.map((a) => a.name)).toEqual(['p-db', 'p-log', 'p-api', 'p-web']);
  });

  it('renders an empty app list when no service is placed on pm2', () => {
    const { model, plan } = compileText('orchgen.yaml', 'version: 1\nproject: p\nservices:\n  s:\n    image: x\n', ['pm2']);
    const { artifacts } = pm2Target.render({ model: model!, plan: plan!, services: [], sourceDir: '..' });
    expect(artifacts.map((a) => a.path)).toEqual(['ecosystem.config.cjs']);
    expect(artifacts[0]!.content).toContain('  apps: [].map(checkCwd),\n');
  });
});

describe('pm2 refusals (E301)', () => {
  const errors = (services: string) =>
    buildPm2(`version: 1\nproject: p\nservices:\n${services}`).diagnostics.filter((d) => d.code === 'E301').map((d) => [d.path.join('.'), d.message]);

  it('refuses env keys PM2 takes for its own, naming service, key and target', () => {
    expect(errors('  s:\n    command: [x]\n    env: { PM2_HOME: a, status: b, cwd: c, KEEP: d }\n')).toEqual([
      ['services.s.env.PM2_HOME', '`s`: env `PM2_HOME` cannot reach the process exactly on pm2: PM2 uses that name for the app\'s own settings and bookkeeping'],
      ['services.s.env.status', '`s`: env `status` cannot reach the process exactly on pm2: PM2 uses that name for the app\'s own settings and bookkeeping'],
      ['services.s.env.cwd', '`s`: env `cwd` cannot reach the process exactly on pm2: PM2 uses that name for the app\'s own settings and bookkeeping'],
    ]);
  });

  it('refuses a required env key PM2 takes for its own', () => {
    expect(errors('  s:\n    command: [x]\n    env_required: [cwd, KEEP]\n')).toEqual([
      ['services.s.env_required', '`s`: required env `cwd` cannot reach the process exactly on pm2: PM2 uses that name for the app\'s own settings and bookkeeping'],
    ]);
  });

  it('refuses an optional env key PM2 or the docker CLI takes for its own', () => {
    expect(errors('  s:\n    command: [x]\n    env_optional: [KEEP, status]\n  c:\n    image: x\n    env_optional: [DOCKER_HOST, OK]\n')).toEqual([
      ['services.s.env_optional', '`s`: optional env `status` cannot reach the process exactly on pm2: PM2 uses that name for the app\'s own settings and bookkeeping'],
      ['services.c.env_optional', '`c`: optional env `DOCKER_HOST` cannot reach the process exactly on pm2: the value goes to the container through the docker CLI, which would use it itself'],
    ]);
  });

  it('refuses the variables /bin/sh sets only when the app runs through it', () => {
    expect(errors('  s:\n    command: [x]\n    env: { IFS: a, PWD: b }\n')).toEqual([]);
    expect(errors('  s:\n    command: "x"\n    env: { IFS: a }\n').map(([p]) => p)).toEqual(['services.s.env.IFS']);
    expect(errors('  s:\n    command: [x]\n    env_file: e\n    env: { PWD: a }\n').map(([p]) => p)).toEqual(['services.s.env.PWD']);
  });

  it('refuses what the docker CLI would read for itself in a container service', () => {
    const found = errors('  s:\n    image: x\n    env: { PATH: a, HOME: b, DOCKER_HOST: c, OK: d }\n');
    expect(found.map(([p]) => p)).toEqual(['services.s.env.PATH', 'services.s.env.HOME', 'services.s.env.DOCKER_HOST']);
    expect(found[0]![1]).toContain('docker CLI');
  });

  it('refuses HOME for a process that runs as another user', () => {
    expect(errors('  s:\n    command: [x]\n    env: { HOME: /h }\n')).toEqual([]);
    expect(errors('  s:\n    command: [x]\n    user: u\n    env: { HOME: /h }\n').map(([p]) => p)).toEqual(['services.s.env.HOME']);
  });

  it('refuses NUL and lone surrogates in env values and arguments', () => {
    const found = errors('  s:\n    command: [x, "a\\0b", "\\ud800"]\n    env: { A: "x\\0" }\n');
    expect(found.map(([p]) => p)).toEqual(['services.s.env.A', 'services.s.command.1', 'services.s.command.2']);
    expect(found[1]![1]).toBe('`s`: argument 1 of `command` cannot reach the process exactly on pm2: a NUL character or a lone UTF-16 surrogate cannot be passed to a process');
    expect(errors('  s:\n    command: "a\\0"\n').map(([p]) => p)).toEqual(['services.s.command']);
  });

  it('refuses __proto__, which an object literal cannot hold', () => {
    expect(errors('  s:\n    command: [x]\n    env: { __proto__: a }\n').map(([p]) => p)).toEqual(['services.s.env.__proto__']);
  });

  it('reports a fallback variant once, at the fallback, when only the variant has the value', () => {
    const found = errors('  s:\n    command: [x]\n    env: { PM2_HOME: a }\n    fallbacks:\n      - name: f\n        set: { env: { pm_id: b } }\n');
    expect(found.map(([p]) => p)).toEqual(['services.s.env.PM2_HOME', 'services.s.fallbacks.0.set.env.pm_id']);
  });
});

describe('pm2 warnings (W103)', () => {
  const warnings = (services: string) =>
    buildPm2(`version: 1\nproject: p\nservices:\n${services}`).diagnostics.filter((d) => d.code === 'W103').map((d) => d.path.join('.'));

  it('warns once per setting pm2 cannot express, at the first service that asks for it', () => {
    const services = [
      '  a:', '    command: [x]', '    stop: { signal: SIGINT }', '    resources: { cpus: 2 }',
      '  b:', '    command: [x]', '    depends_on: [a]', '    resources: { cpus: 1 }', '    restart: { backoff: exponential }',
      '  c:', '    image: x', '    stop: { signal: SIGQUIT }', '',
    ].join('\n');
    expect(warnings(services)).toEqual(['services.b.depends_on', 'services.b.stop.signal', 'services.a.resources.cpus', 'services.b.restart.backoff']);
  });

  it('says nothing for a stack PM2 can run as written', () => {
    expect(warnings('  a:\n    command: [x]\n    stop: { signal: SIGINT }\n  b:\n    image: x\n')).toEqual([]);
  });
});
