import { describe, expect, it } from 'vitest';
import { renderSpec, yamlString } from './helpers.js';
import { hostileArgs, hostileEnv, hostileScript } from './hostile.js';

const errors = (yaml: string) =>
  renderSpec(yaml)
    .diagnostics.filter((d) => d.code === 'E301')
    .map((d) => ({ path: d.path.join('.'), message: d.message }));

const oneService = (body: string) => `version: 1
project: p
services:
  app:
${body}
`;

describe('supervisor target: E301 for values supervisord cannot carry', () => {
  it('carries every hostile value it can without a refusal', () => {
    const yaml = oneService(`    command: ${JSON.stringify(['/bin/prog', ...hostileArgs])}
    env: ${JSON.stringify(Object.fromEntries(hostileEnv))}
    workdir: ${yamlString('/srv/a ;b #c %d\nx ')}
  script:
    command: ${yamlString(hostileScript)}`);
    expect(errors(yaml)).toEqual([]);
  });

  it('refuses env values with a quote at either end, or with both quotes, naming service, key and target', () => {
    const yaml = oneService(`    command: [/bin/prog]
    env:
      LEADING: ${yamlString('"quoted" value')}
      TRAILING: ${yamlString("value'")}
      BOTH: ${yamlString(`it's "both" here`)}
      FINE: ${yamlString(`it's fine`)}`);
    expect(errors(yaml)).toEqual([
      {
        path: 'services.app.env.LEADING',
        message: 'service `app`, env `LEADING`: supervisord cannot carry a quote at the start or end of an environment value (it strips quotes from both ends)',
      },
      {
        path: 'services.app.env.TRAILING',
        message: 'service `app`, env `TRAILING`: supervisord cannot carry a quote at the start or end of an environment value (it strips quotes from both ends)',
      },
      {
        path: 'services.app.env.BOTH',
        message: `service \`app\`, env \`BOTH\`: supervisord cannot carry both ' and " in an environment value (a quoted value has no escape for its quote)`,
      },
    ]);
  });

  it('refuses carriage returns and NUL bytes wherever they are', () => {
    const yaml = oneService(`    command: ${JSON.stringify(['/bin/prog', 'ok', 'a\rb', 'a\0b'])}
    workdir: ${yamlString('/srv/a\rb')}
    env: { CR: ${yamlString('a\r\nb')} }
  box:
    image: ${yamlString('img\r')}
    command: ${yamlString('echo a\rb')}`);
    const reason = 'a carriage return (it reads its conf with universal newlines)';
    expect(errors(yaml)).toEqual([
      { path: 'services.app.env.CR', message: `service \`app\`, env \`CR\`: supervisord cannot carry ${reason}` },
      { path: 'services.app.command.2', message: `service \`app\`, \`command\` argument 2: supervisord cannot carry ${reason}` },
      { path: 'services.app.command.3', message: 'service `app`, `command` argument 3: supervisord cannot carry a NUL byte' },
      { path: 'services.app.workdir', message: `service \`app\`, \`workdir\`: supervisord cannot carry ${reason}` },
      { path: 'services.box.command', message: `service \`box\`, \`command\`: supervisord cannot carry ${reason}` },
      { path: 'services.box.image', message: `service \`box\`, \`image\`: supervisord cannot carry ${reason}` },
    ]);
  });

  it('reports a value a fallback inherits once, and a value of its own at the fallback', () => {
    const yaml = oneService(`    command: [/bin/prog]
    env: { SHARED: ${yamlString('"x"')} }
    fallbacks:
      - name: alt
        set:
          env: { OWN: ${yamlString("'y'")} }
          command: ${JSON.stringify(['/bin/alt', 'a\rb'])}`);
    expect(errors(yaml).map((e) => e.path)).toEqual(['services.app.env.SHARED', 'services.app.fallbacks.0.set.env.OWN', 'services.app.fallbacks.0.set.command.1']);
    expect(errors(yaml)[1]!.message).toBe(
      'service `app` (fallback `alt`), env `OWN`: supervisord cannot carry a quote at the start or end of an environment value (it strips quotes from both ends)',
    );
  });

  it('refuses a line break in a native value, which would end the key', () => {
    const yaml = oneService(`    command: [/bin/prog]
    native:
      supervisor: { umask: "022", stdout_logfile_maxbytes: ${yamlString('1MB\n[program:evil]')} }`);
    expect(errors(yaml)).toEqual([
      {
        path: 'services.app.native.supervisor.stdout_logfile_maxbytes',
        message: 'service `app`, `native.supervisor.stdout_logfile_maxbytes`: supervisord cannot carry a line break in a native value',
      },
    ]);
  });

  it('refuses a log folder with a carriage return', () => {
    const yaml = `${oneService('    command: [/bin/prog]')}targets:\n  supervisor: { log_dir: ${yamlString('/var/log/a\rb')} }\n`;
    expect(errors(yaml)).toEqual([
      { path: 'targets.supervisor.log_dir', message: '`targets.supervisor.log_dir`: supervisord cannot carry a carriage return (it reads its conf with universal newlines)' },
    ]);
  });
});
