import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/import/procfile/dotenv.js';
import { importProcfile } from '../../src/import/procfile/index.js';
import { formatWarning } from '../../src/import/warnings.js';
import { lines, specDiagnostics } from './support.js';

function imported(procfile: string, env?: string, dir = '/apps/shop') {
  const result = importProcfile(
    { file: 'Procfile', text: procfile, dir, ...(env !== undefined ? { env: { file: '.env', text: env } } : {}) },
    { outDir: dir, schemaRef: 'orchgen.schema.json' },
  );
  return { yaml: result.text, error: result.error, warnings: result.warnings.map(formatWarning) };
}

describe('orchgen import procfile', () => {
  it('one process service per line, commands through /bin/sh -c, names made valid, PORT as foreman gives it', () => {
    const { yaml, warnings } = imported(
      lines(
        '# processes',
        'web: bundle exec puma -p $PORT -C config/puma.rb',
        'worker_1: bundle exec sidekiq -q default,"mail" 2>&1 | tee -a log/sidekiq.log',
        '',
        "clock: bin/clock --tz 'Europe/Berlin'",
        'web: duplicate',
        'not a process',
      ),
    );
    expect(yaml).toBe(
      lines(
        '# yaml-language-server: $schema=orchgen.schema.json',
        '# Imported from Procfile by `orchgen import procfile`: each command runs with /bin/sh -c.',
        '',
        'version: 1',
        'project: shop',
        'services:',
        '  web:',
        '    command: bundle exec puma -p $PORT -C config/puma.rb',
        '    # PORT as foreman gives it (5000, 5100, ... in Procfile order)',
        '    env:',
        '      PORT: "5000"',
        '  worker-1:',
        '    command: bundle exec sidekiq -q default,"mail" 2>&1 | tee -a log/sidekiq.log',
        '  clock:',
        "    command: bin/clock --tz 'Europe/Berlin'",
      ),
    );
    expect(warnings).toEqual([
      'Procfile:3:1: warning[W202]: process `worker_1` renamed `worker-1`: orchgen names are lower-case letters, digits and dashes',
      'Procfile:6:1: warning[W206]: process `web` is defined twice; the first one is kept',
      'Procfile:7:1: warning[W206]: not a `name: command` line',
    ]);
    expect(specDiagnostics(yaml!)).toEqual([]);
  });

  it('gives every service the .env values, exactly, as defaults.env', () => {
    const { yaml, warnings } = imported(
      lines('web: node server.js --port ${PORT}', 'jobs: node jobs.js'),
      lines(
        '# settings',
        'export NODE_ENV=production',
        'PORT=8080',
        'DATABASE_URL="postgres://u:p@localhost/db?sslmode=disable"',
        "GREETING='hello # not a comment'",
        'MULTI="line1\\nline2 \\"quoted\\""',
        'SPACED = value with spaces   # trailing comment',
        'EMPTY=',
        'PERCENT=100% $HOME',
        'nonsense',
      ),
      '/apps/My_App',
    );
    expect(yaml).toBe(
      lines(
        '# yaml-language-server: $schema=orchgen.schema.json',
        '# Imported from Procfile by `orchgen import procfile`: each command runs with /bin/sh -c.',
        '',
        'version: 1',
        'project: my-app',
        '# from .env: every service gets these',
        'defaults:',
        '  env:',
        '    NODE_ENV: production',
        '    PORT: "8080"',
        '    DATABASE_URL: postgres://u:p@localhost/db?sslmode=disable',
        '    GREETING: "hello # not a comment"',
        '    MULTI: |-',
        '      line1',
        '      line2 "quoted"',
        '    SPACED: value with spaces',
        '    EMPTY: ""',
        '    PERCENT: 100% $HOME',
        'services:',
        '  web:',
        '    command: node server.js --port ${PORT}',
        '  jobs:',
        '    command: node jobs.js',
      ),
    );
    expect(warnings).toEqual([
      'Procfile: warning[W202]: project name `My_App` (the folder) renamed `my-app`: orchgen names are lower-case letters, digits and dashes',
      '.env:9:1: warning[W203]: PERCENT is kept literally: `$` is not expanded',
      '.env:10:1: warning[W206]: not a `KEY=VALUE` line',
    ]);
    expect(specDiagnostics(yaml!)).toEqual([]);
  });

  it('refuses a Procfile without processes', () => {
    expect(imported('# nothing\n')).toEqual({ yaml: undefined, error: 'Procfile: no `name: command` line', warnings: [] });
  });
});

describe('.env files', () => {
  it('reads quotes, escapes, comments and values over several lines', () => {
    const text = lines("A='single $X \\n'", 'B="multi', 'line"', 'C=plain#no-comment', 'D="x" # comment', 'E="open');
    expect(parseDotenv(text)).toEqual({
      entries: [
        { key: 'A', value: 'single $X \\n', line: 1, expands: false },
        { key: 'B', value: 'multi\nline', line: 2, expands: true },
        { key: 'C', value: 'plain#no-comment', line: 4, expands: true },
        { key: 'D', value: 'x', line: 5, expands: true },
      ],
      problems: [{ line: 6, message: 'the double quote of E is not closed', code: 'W206' }],
    });
  });
});
