import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { orchgen } from './run.js';

const scratch = mkdtempSync(join(tmpdir(), 'orchgen-first-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function folder(name: string, spec?: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  if (spec !== undefined) writeFileSync(join(dir, 'orchgen.yaml'), spec);
  return dir;
}

describe('the diagnostics a new user meets first', () => {
  test('no spec where orchgen looked: the absolute path and -f', async () => {
    const cwd = folder('empty');
    for (const command of ['validate', 'graph', 'build']) {
      const result = await orchgen([command], { cwd });
      expect(result.code, command).toBe(1);
      expect(result.stdout, command).toBe('');
      expect(result.stderr.split('\n').slice(0, 2), command).toEqual([
        `orchgen.yaml:1:1: error[E002]: cannot read the spec: no such file: ${join(cwd, 'orchgen.yaml')}`,
        '  hint: give the spec with -f, e.g. `-f path/to/orchgen.yaml`',
      ]);
    }
  });

  test('a list used as a key: one diagnostic, and no warning from Node on stderr', async () => {
    const cwd = folder('collection-key', 'version: 1\nproject: demo\nservices:\n  a:\n    command: [run]\n    env:\n      [a]: 1\n');
    expect(await orchgen(['validate'], { cwd })).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'orchgen.yaml:7:7: error[E105]: `[ a ]` in `services.a.env` is not an environment variable name: letters, digits and _, not starting with a digit',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    });
  });

  test('a directory given as the spec: a sentence and the file to give instead', async () => {
    const cwd = folder('with-dir');
    folder('with-dir/stack', 'version: 1\nproject: demo\nservices: {a: {image: busybox}}\n');
    const result = await orchgen(['validate', '-f', 'stack/'], { cwd });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        `stack/:1:1: error[E002]: cannot read the spec: ${join(cwd, 'stack')} is a directory, not a file`,
        '  hint: give the file inside it with -f, e.g. `-f stack/orchgen.yaml`',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    });
  });

  test('typos of keys and of enum values get a did-you-mean, and E201 shows beside the schema errors', async () => {
    const spec = [
      'version: 1',
      'project: demo',
      'services:',
      '  api:',
      '    image: busybox',
      '    enviroment: {A: "1"}',
      '    restart: on_failure',
      '    stop: {signal: SIGTEM}',
      '    depends_on: [dbb]',
      '  db:',
      '    image: postgres',
      '    healthcheck: {tcp: "127.0.0.1:5432"}',
      '',
    ].join('\n');
    const cwd = folder('typos', spec);
    const result = await orchgen(['build'], { cwd });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'orchgen.yaml:6:5: error[E101]: unknown key `enviroment` in `services.api`',
        '  hint: did you mean `env`?',
        'orchgen.yaml:7:14: error[E104]: `services.api.restart` must be `always`, `on-failure`, `no` or a mapping, not `on_failure`',
        '  hint: did you mean `on-failure`?',
        'orchgen.yaml:8:20: error[E104]: `services.api.stop.signal` must be `SIGTERM`, `SIGINT`, `SIGQUIT`, `SIGHUP`, `SIGKILL`, `SIGUSR1`, `SIGUSR2` or `SIGWINCH`, not `SIGTEM`',
        '  hint: did you mean `SIGTERM`?',
        'orchgen.yaml:9:18: error[E201]: `api` depends on `dbb`, which is not a service',
        '  hint: did you mean `db`?',
        'orchgen.yaml:12:5: error[E101]: unknown key `healthcheck` in `services.db`',
        '  hint: did you mean `health`?',
        '5 errors, 0 warnings; nothing written',
        '',
      ].join('\n'),
    });
  });
});
