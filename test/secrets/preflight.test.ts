import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { describeWithTool, hasSupervisord } from '../support/tools.js';

const root = mkdtempSync(join(tmpdir(), 'orchgen-secrets-preflight-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

await describeWithTool('preflight of a stack with secrets', hasSupervisord, () => {
  test('names the service, the key and the variable of every secret read from an unset one, fallbacks included', async () => {
    const spec = join(root, 'orchgen.yaml');
    copyFileSync(new URL('./fixtures/vault.yaml', import.meta.url), spec);
    const unset = await orchgen(['preflight', '-t', 'supervisor', '-f', spec], { env: { SHARED_TOKEN: '' } });
    expect(unset.code).toBe(1);
    expect(unset.stderr.split('\n').filter((line) => line.startsWith('  - ') && line.includes('secret'))).toEqual([
      '  - db: secret POSTGRES_PASSWORD is read from DB_PASSWORD, which is not set: export it before `orchgen up`',
      '  - db: secret REPLICA_KEY is read from REPLICA_KEY, which is not set: export it before `orchgen up`',
      '  - api: secret DATABASE_PASSWORD is read from DB_PASSWORD, which is not set: export it before `orchgen up`',
    ]);
    const set = await orchgen(['preflight', '-t', 'supervisor', '-f', spec], { env: { SHARED_TOKEN: '', DB_PASSWORD: 'x', REPLICA_KEY: 'y' } });
    expect(set.stderr).not.toContain(': secret ');
  });
});
