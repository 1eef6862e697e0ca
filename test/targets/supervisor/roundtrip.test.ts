import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTool, hasSupervisord, supervisorPython, tempDir, type TempDir } from '../../support/tools.js';
import { buildInto, byName, readBack, startSupervisord, waitFor, writeMainConf, yamlString, type ParsedProgram, type Supervisord } from './helpers.js';
import { hostileArgs, hostileEnv, hostileScript } from './hostile.js';

/** Writes its arguments, environment and folder as JSON, then stays up until it is stopped. */
const probeSource = `import json, os, sys, time
out = sys.argv[1]
with open(out + '.tmp', 'w') as f:
    json.dump({'argv': sys.argv[2:], 'env': dict(os.environ), 'cwd': os.getcwd()}, f)
os.rename(out + '.tmp', out)
time.sleep(3600)
`;

interface ProbeReport {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

const hostileDir = 'w d ;x #y %(here)s %z ';

function spec(dir: string, python: string): string {
  const probe = (name: string, ...args: string[]) => [python, `${dir}/probe.py`, `${dir}/${name}.json`, ...args];
  return `version: 1
project: rt
services:
  probe:
    command: ${JSON.stringify(probe('probe', ...hostileArgs))}
    workdir: ${yamlString(`${dir}/${hostileDir}`)}
    env: ${JSON.stringify(Object.fromEntries(hostileEnv))}
  shell:
    command: ${yamlString(`exec ${python} ${dir}/probe.py ${dir}/shell.json 'a ;b' "it's" '%(here)s' ""`)}
    depends_on: [probe]
    env_file: app.env
    env: { FROM_ENV: "env ;x", BOTH: "from env" }
    fallbacks:
      - name: alt
        set:
          command: ${JSON.stringify(probe('alt', 'alt #1'))}
          env: { ALT: 'a ;b "c" %d' }
  script:
    command: ${yamlString(hostileScript)}
    targets: [supervisor]
    native:
      supervisor: { autostart: false }
targets:
  supervisor: { log_dir: ${yamlString(`${dir}/logs`)} }
`;
}

await describeWithTool('supervisor target: values round trip through supervisord', hasSupervisord, () => {
  let dir: TempDir;
  let supervisord: Supervisord | undefined;
  let parsed: ParsedProgram[];

  const report = (name: string): Promise<ProbeReport> =>
    waitFor(() => (existsSync(path.join(dir.path, `${name}.json`)) ? true : undefined), 20_000, `${name}.json`).then(
      () => JSON.parse(readFileSync(path.join(dir.path, `${name}.json`), 'utf8')) as ProbeReport,
    );

  beforeAll(async () => {
    dir = await tempDir('orchgen-supervisor-rt-');
    const python = (await supervisorPython())!;
    writeFileSync(path.join(dir.path, 'probe.py'), probeSource);
    writeFileSync(path.join(dir.path, 'app.env'), "FROM_FILE='x y #z'\nBOTH='from file'\n");
    mkdirSync(path.join(dir.path, hostileDir));
    const built = buildInto(dir.path, spec(dir.path, python));
    const main = writeMainConf(dir.path, built.conf);
    parsed = await readBack(main);
    supervisord = await startSupervisord(main);
  });
  afterAll(async () => {
    await supervisord?.shutdown();
    await dir?.cleanup();
  });

  it('parses every hostile argument and env value back exactly', () => {
    const probe = byName(parsed, 'rt-probe');
    expect(probe.argv.slice(3)).toEqual(hostileArgs);
    expect(Object.entries(probe.environment)).toEqual(hostileEnv);
    expect(probe.directory).toBe(`${dir.path}/${hostileDir}`);
    expect(byName(parsed, 'rt-script').argv).toEqual(['/bin/sh', '-c', hostileScript]);
  });

  it('runs every program, each a group of its own: RUNNING', async () => {
    const status = await supervisord!.waitRunning(['rt-probe', 'rt-shell']);
    expect(status).toMatch(/^rt-probe\s+RUNNING/m);
    expect(status).toMatch(/^rt-shell\s+RUNNING/m);
  });

  it('hands the program every argument exactly', async () => {
    expect((await report('probe')).argv).toEqual(hostileArgs);
  });

  it('hands the program every env value exactly', async () => {
    const { env } = await report('probe');
    for (const [key, value] of hostileEnv) expect({ key, value: env[key] }).toEqual({ key, value });
  });

  it('starts the program in its workdir', async () => {
    expect((await report('probe')).cwd).toBe(`${dir.path}/${hostileDir}`);
  });

  it('runs a shell-form command with the env file found through %(here)s; the file wins over env', async () => {
    const shell = await report('shell');
    expect(shell.argv).toEqual(['a ;b', "it's", '%(here)s', '']);
    expect(shell.env).toMatchObject({ FROM_FILE: 'x y #z', FROM_ENV: 'env ;x', BOTH: 'from file' });
  });

  it('starts the programs in wave order (priority)', async () => {
    await supervisord!.waitRunning(['rt-probe', 'rt-shell']);
    const log = readFileSync(path.join(dir.path, 'supervisord.log'), 'utf8');
    const spawned = [...log.matchAll(/spawned: '([^']+)'/g)].map((m) => m[1]);
    expect(spawned.slice(0, 2)).toEqual(['rt-probe', 'rt-shell']);
  });

  it('leaves a fallback variant stopped until it is started, then runs it', async () => {
    const before = await supervisord!.ctl(['status', 'rt-shell--alt']);
    expect(before.stdout).toMatch(/^rt-shell--alt\s+STOPPED/m);
    await supervisord!.ctl(['stop', 'rt-shell']);
    const started = await supervisord!.ctl(['start', 'rt-shell--alt']);
    expect(started.stdout).toMatch(/started/);
    const alt = await report('alt');
    expect(alt.argv).toEqual(['alt #1']);
    expect(alt.env).toMatchObject({ ALT: 'a ;b "c" %d', FROM_FILE: 'x y #z', FROM_ENV: 'env ;x' });
    expect(readFileSync(path.join(dir.path, 'logs', 'shell--alt.log'), 'utf8')).toBe('');
  });
});
