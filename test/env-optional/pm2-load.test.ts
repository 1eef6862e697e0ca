/**
 * The PM2 file as `pm2 start` loads it (a plain `require` in node, as PM2 does; no daemon): an
 * env_optional key is in the app's env with its value byte for byte when set, and absent when unset.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { orchgen } from '../cli/run.js';
import { hostileSecrets } from '../secrets/support.js';

const root = mkdtempSync(join(tmpdir(), 'orchgen-env-optional-pm2-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  copyFileSync(new URL('./fixtures/relay.yaml', import.meta.url), join(root, 'orchgen.yaml'));
  const build = await orchgen(['build', '-f', join(root, 'orchgen.yaml'), '-t', 'pm2']);
  expect(build.code, build.stderr).toBe(0);
});

/** Each app's env, as the file gives it to PM2 when loaded with exactly `env`. */
async function appEnvs(file: string, env: Record<string, string>): Promise<Record<string, Record<string, string>>> {
  // A key present with an undefined value would vanish in JSON: it is written as a marker instead.
  const marker = '(key present, value undefined)';
  const script = `const { apps } = require(process.argv[1]); process.stdout.write(JSON.stringify(Object.fromEntries(apps.map((a) => [a.name, a.env])), (k, v) => (v === undefined ? ${JSON.stringify(marker)} : v)));`;
  const loaded = await execa(process.execPath, ['-e', script, join(root, 'out', 'pm2', file)], { env, extendEnv: false });
  return JSON.parse(loaded.stdout);
}

test('unset keys are no keys at all; a key set to the empty string is passed on empty', async () => {
  expect(await appEnvs('ecosystem.config.cjs', { QUEUE_URL: 'amqp://q', SES_FROM: '' })).toEqual({
    'relay-mail': { SES_FROM: '', SES_REGION: 'eu-west-1' },
    'relay-worker': { QUEUE_URL: 'amqp://q' },
  });
});

test('a set key reaches each app that lists it, hostile values byte for byte', async () => {
  for (const [index, value] of hostileSecrets.entries()) {
    const envs = await appEnvs('ecosystem.config.cjs', { QUEUE_URL: 'q', SES_USER: value });
    expect([index, envs['relay-mail']!.SES_USER, envs['relay-worker']!.SES_USER]).toEqual([index, value, value]);
  }
});

test('the fallback file passes on its own list', async () => {
  expect(await appEnvs('fallbacks/mail.local.config.cjs', { SES_FROM: 'not in the variant', RELAY_HOST: 'relay.internal' })).toEqual({
    'relay-mail': { RELAY_HOST: 'relay.internal', SES_REGION: 'eu-west-1' },
  });
});
