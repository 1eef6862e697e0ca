import { describe, expect, it } from 'vitest';
import { containerWrapper } from '../../../src/targets/shared/container/wrapper.js';
import { shellJoin } from '../../../src/targets/shared/shell.js';
import { renderSpec } from './helpers.js';

/** The `key=value` lines of one section of the rendered conf, in order. */
function section(yaml: string, name: string): string[] {
  const content = renderSpec(yaml).artifacts[0]!.content;
  const start = content.indexOf(`[${name}]\n`);
  if (start < 0) throw new Error(`no [${name}] in\n${content}`);
  const lines = content.slice(start + name.length + 3).split('\n');
  return lines.slice(0, lines.indexOf(''));
}

const stack = (services: string) => `version: 1\nproject: p\nservices:\n${services}`;

describe('supervisor target: settings', () => {
  it('gives a host process its GPUs through CUDA_VISIBLE_DEVICES; an explicit value wins; all sets nothing', () => {
    const yaml = stack(`  two: { command: [/bin/a], gpu: { count: 2 } }
  ids: { command: [/bin/a], gpu: { device_ids: ["1", "3"] }, env: { A: x } }
  all: { command: [/bin/a], gpu: { count: all }, env: { A: x } }
  own: { command: [/bin/a], gpu: { count: 2 }, env: { CUDA_VISIBLE_DEVICES: "7" } }
`);
    expect(section(yaml, 'program:p-two')).toContain('environment=CUDA_VISIBLE_DEVICES="0,1"');
    expect(section(yaml, 'program:p-ids')).toContain('environment=A="x",CUDA_VISIBLE_DEVICES="1,3"');
    expect(section(yaml, 'program:p-all')).toContain('environment=A="x"');
    expect(section(yaml, 'program:p-own')).toContain('environment=CUDA_VISIBLE_DEVICES="7"');
  });

  it('maps restart policies and attempts', () => {
    const yaml = stack(`  always: { command: [/bin/a], restart: always }
  failure: { command: [/bin/a], restart: { policy: on-failure, max_attempts: 4 } }
  never: { command: [/bin/a], restart: "no" }
`);
    expect(section(yaml, 'program:p-always').filter((l) => /^(autorestart|exitcodes|startretries)=/.test(l))).toEqual(['autorestart=true', 'startretries=1000000']);
    expect(section(yaml, 'program:p-failure').filter((l) => /^(autorestart|exitcodes|startretries)=/.test(l))).toEqual(['autorestart=unexpected', 'exitcodes=0', 'startretries=4']);
    expect(section(yaml, 'program:p-never').filter((l) => /^(autorestart|exitcodes|startretries)=/.test(l))).toEqual(['autorestart=false', 'startretries=0']);
  });

  it('lets a job others wait on to complete exit at once without counting as a failed start', () => {
    const yaml = stack(`  job: { command: [/bin/a] }
  app: { command: [/bin/b], depends_on: { job: completed } }
`);
    expect(section(yaml, 'program:p-job')).toContain('startsecs=0');
    expect(section(yaml, 'program:p-app')).toContain('startsecs=1');
    expect(section(yaml, 'program:p-app')).toContain('priority=200');
  });

  it('gives a container its user and folder through docker run, not supervisord', () => {
    const yaml = stack(`  box: { image: img, user: app, workdir: /srv, stop: { signal: SIGQUIT, timeout: 1500ms } }
`);
    const lines = section(yaml, 'program:p-box');
    expect(lines[0]).toBe(`command=/bin/sh -c ${shellJoin([containerWrapper(true)])} sh p-box p ` + 'docker run --rm --name p-box --network p_default --network-alias box --user app --workdir /srv --stop-signal SIGQUIT --stop-timeout 2 img');
    expect(lines.some((l) => /^(user|directory)=/.test(l))).toBe(false);
    expect(lines).toContain('stopsignal=QUIT');
    expect(lines).toContain('stopwaitsecs=7');
  });

  it('writes native keys as given, replacing a key it has whatever its case', () => {
    const yaml = stack(`  app:
    command: [/bin/a]
    native: { supervisor: { StopWaitSecs: 99, umask: "022", environment_note: [a, 1, true] } }
`);
    const lines = section(yaml, 'program:p-app');
    expect(lines).toContain('StopWaitSecs=99');
    expect(lines.some((l) => l.startsWith('stopwaitsecs='))).toBe(false);
    expect(lines.slice(-2)).toEqual(['umask=022', 'environment_note=a,1,true']);
  });
});
