import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { spec } from '../helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'orchgen-build-warnings-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The build drops the parsed document before the targets render: their warnings are located
// afterwards, and must land where the document said.
test('warnings from the targets point at the lines and columns of what they are about', async () => {
  const file = join(scratch, 'orchgen.yaml');
  writeFileSync(
    file,
    spec(
      'version: 1',
      'project: demo',
      'services:',
      '  db:',
      '    image: postgres:16',
      '    essential: false',
      '  worker:',
      '    command: [/usr/bin/worker]',
      '    depends_on: [db]',
      '    restart: {policy: on-failure, delay: 2s}',
    ),
  );
  const result = await orchgen(['build', '-f', 'orchgen.yaml', '-t', 'supervisor,compose,k8s', '-o', 'out', '--verbose'], { cwd: scratch });
  expect(result.code).toBe(0);
  expect(result.stderr.split('\n')).toEqual([
    'orchgen.yaml:3:1: warning[W102]: compose cannot run 1 of 2 services (no `image`), left out: worker',
    'orchgen.yaml:3:1: warning[W102]: k8s cannot run 1 of 2 services (no `image`), left out: worker',
    // db has no `restart` key (the default applies): the warning points at its mapping
    'orchgen.yaml:5:5: warning[W103]: k8s cannot restart `db` on failure only (`restart: on-failure`): a Deployment restarts its pod after a clean exit too',
    'orchgen.yaml:9:17: warning[W103]: service `worker`: supervisord has no dependency waits or health checks (priority orders the starts without waiting); `orchgen up` waits for `db`',
    'orchgen.yaml:10:14: warning[W103]: service `worker`: supervisord has no restart delay or backoff; it restarts a program that crashed after starting at once',
    '',
  ]);
  // without --verbose: the W103 ones are one line per target
  const summary = await orchgen(['build', '-f', 'orchgen.yaml', '-t', 'supervisor,compose,k8s', '-o', 'out'], { cwd: scratch });
  expect(summary.stderr.split('\n')).toEqual([
    'orchgen.yaml:3:1: warning[W102]: compose cannot run 1 of 2 services (no `image`), left out: worker',
    'orchgen.yaml:3:1: warning[W102]: k8s cannot run 1 of 2 services (no `image`), left out: worker',
    'orchgen.yaml: warning[W103]: supervisor cannot express 2 settings natively (run with --verbose for the list)',
    'orchgen.yaml: warning[W103]: k8s cannot express 1 setting natively (run with --verbose for the list)',
    '',
  ]);
});
