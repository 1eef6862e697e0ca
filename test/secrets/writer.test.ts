import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { DriverOptions, RuntimeContext } from '../../src/runtime/driver.js';
import { systemdDriver } from '../../src/runtime/systemd/driver.js';
import { envFileLine, writeSecretsFiles } from '../../src/runtime/systemd/secrets.js';
import { modelOf } from '../helpers.js';

const root = mkdtempSync(join(tmpdir(), 'orchgen-secrets-writer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('env-file lines: double quotes, with \\ " ` $ escaped and everything else as it is', () => {
  expect(envFileLine('K', 'plain')).toBe('K="plain"\n');
  expect(envFileLine('K', '')).toBe('K=""\n');
  expect(envFileLine('K', '"$HOME" `id` back\\slash\\')).toBe('K="\\"\\$HOME\\" \\`id\\` back\\\\slash\\\\"\n');
  expect(envFileLine('K', ' two\nlines # ; ')).toBe('K=" two\nlines # ; "\n');
});

const model = modelOf(readFileSync(new URL('./fixtures/vault.yaml', import.meta.url), 'utf8')).model!;
const env = { SHARED_TOKEN: 'shared', DB_PASSWORD: 'pa"ss', REPLICA_KEY: 'replica' };

test('one file per service, and one for a fallback whose secrets differ; folder 0700, files 0600', () => {
  const dir = join(root, 'etc', 'vault');
  writeSecretsFiles(dir, model.services, env);
  expect(readdirSync(dir).sort()).toEqual(['api.env', 'db--replica.env', 'db.env']);
  expect(readFileSync(join(dir, 'db.env'), 'utf8')).toBe('SHARED_TOKEN="shared"\nPOSTGRES_PASSWORD="pa\\"ss"\n');
  expect(readFileSync(join(dir, 'db--replica.env'), 'utf8')).toBe('SHARED_TOKEN="shared"\nPOSTGRES_PASSWORD="pa\\"ss"\nREPLICA_KEY="replica"\n');
  expect(readFileSync(join(dir, 'api.env'), 'utf8')).toBe('SHARED_TOKEN="shared"\nDATABASE_PASSWORD="pa\\"ss"\n');
  const modes = [dir, ...readdirSync(dir).map((name) => join(dir, name))].map((path) => (statSync(path).mode & 0o777).toString(8));
  expect(modes).toEqual(['700', '600', '600', '600']);
});

test('an unset variable stops the writer, naming service, key and variable, and no value', () => {
  const dir = join(root, 'unset');
  expect(() => writeSecretsFiles(dir, model.services, { SHARED_TOKEN: 'Zq-shared-value' })).toThrow(
    new Error('db: secret POSTGRES_PASSWORD is read from DB_PASSWORD, which is not set: export it before `orchgen up`'),
  );
});

test('`up` through systemd writes the files into the folder its driver is given, else into targets.systemd.secrets_dir', async () => {
  const artifactsDir = join(root, 'artifacts');
  mkdirSync(artifactsDir, { recursive: true });
  // `true` stands in for systemctl: only the files written before the units are installed matter here.
  const context = (options: DriverOptions, secretsDir: string): RuntimeContext => ({
    model: { ...model, settings: { ...model.settings, systemd: { ...model.settings.systemd, secretsDir } } },
    artifactsDir,
    stateDir: join(root, 'state'),
    env,
    options: { unitDir: join(root, 'units'), systemctl: ['true'], ...options },
  });
  await systemdDriver(context({ secretsDir: join(root, 'given') }, join(root, 'from-spec-1'))).prepare();
  expect([readdirSync(join(root, 'given')).sort(), existsSync(join(root, 'from-spec-1'))]).toEqual([['api.env', 'db--replica.env', 'db.env'], false]);
  await systemdDriver(context({}, join(root, 'from-spec-2'))).prepare();
  expect(readdirSync(join(root, 'from-spec-2')).sort()).toEqual(['api.env', 'db--replica.env', 'db.env']);
});
