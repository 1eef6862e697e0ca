/**
 * supervisord's own parser (no daemon) reads the relay conf: env_optional keys are in no program's
 * `environment` (each program inherits supervisord's own, where they are set or not), and a container
 * gets them as `-e KEY`, so the docker CLI passes on only those that are set.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTool, hasSupervisord, tempDir, type TempDir } from '../support/tools.js';
import { buildInto, byName, readBack, writeMainConf, type ParsedProgram } from '../targets/supervisor/helpers.js';

const relay = readFileSync(new URL('./fixtures/relay.yaml', import.meta.url), 'utf8');

await describeWithTool("env_optional read by supervisord's parser", hasSupervisord, () => {
  let dir: TempDir;
  let programs: ParsedProgram[];

  beforeAll(async () => {
    dir = await tempDir('orchgen-env-optional-supervisor-');
    programs = await readBack(writeMainConf(dir.path, buildInto(dir.path, relay).conf));
  });
  afterAll(() => dir?.cleanup());

  it('sets no optional key in any environment', () => {
    expect(programs.map((p) => [p.name, p.environment])).toEqual([
      ['relay-mail', { SES_REGION: 'eu-west-1' }],
      ['relay-mail--local', { SES_REGION: 'eu-west-1' }],
      ['relay-worker', {}],
    ]);
  });

  it('hands each container its own list by name', () => {
    const passed = (name: string) => byName(programs, name).argv.flatMap((arg, i, argv) => (argv[i - 1] === '-e' ? [arg] : []));
    expect([passed('relay-mail'), passed('relay-mail--local')]).toEqual([
      ['SES_REGION', 'SES_USER', 'SES_FROM'],
      ['SES_REGION', 'SES_USER', 'RELAY_HOST'],
    ]);
  });
});
