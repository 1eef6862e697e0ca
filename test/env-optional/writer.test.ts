import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { envFileLine, writeSecretsFiles } from '../../src/runtime/systemd/secrets.js';
import { hostileSecrets } from '../secrets/support.js';
import { modelOf } from '../helpers.js';

const root = mkdtempSync(join(tmpdir(), 'orchgen-env-optional-writer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const model = modelOf(readFileSync(new URL('./fixtures/relay.yaml', import.meta.url), 'utf8')).model!;

test('systemd: env_optional.env holds the keys set (an empty value too) and no line for an unset one; 0600', () => {
  const dir = join(root, 'set');
  writeSecretsFiles(dir, model.services, { QUEUE_URL: 'amqp://q', SES_USER: 'mailer', SES_FROM: '' });
  expect(readdirSync(dir).sort()).toEqual(['env_optional.env', 'env_required.env']);
  expect(readFileSync(join(dir, 'env_optional.env'), 'utf8')).toBe('SES_USER="mailer"\nSES_FROM=""\n');
  expect((statSync(join(dir, 'env_optional.env')).mode & 0o777).toString(8)).toBe('600');
});

test('systemd: a key unset since the last `up` is gone from the file, and none set leaves it empty; nothing refuses', () => {
  const dir = join(root, 'rewritten');
  writeSecretsFiles(dir, model.services, { QUEUE_URL: 'q', SES_USER: 'mailer', RELAY_HOST: 'relay.internal' });
  expect(readFileSync(join(dir, 'env_optional.env'), 'utf8')).toBe('SES_USER="mailer"\nRELAY_HOST="relay.internal"\n');
  writeSecretsFiles(dir, model.services, { QUEUE_URL: 'q', RELAY_HOST: 'relay.internal' });
  expect(readFileSync(join(dir, 'env_optional.env'), 'utf8')).toBe('RELAY_HOST="relay.internal"\n');
  writeSecretsFiles(dir, model.services, { QUEUE_URL: 'q' });
  expect(readFileSync(join(dir, 'env_optional.env'), 'utf8')).toBe('');
});

/**
 * The double-quote rules of systemd's env files (\ " ` $ escaped, everything else as it is) are those of
 * sh: sourcing the written file in sh gives each value back byte for byte, an independent reading.
 */
test('systemd: every hostile value written to env_optional.env reads back byte for byte', async () => {
  const dir = join(root, 'hostile');
  for (const [index, value] of hostileSecrets.entries()) {
    writeSecretsFiles(dir, model.services, { QUEUE_URL: 'q', SES_USER: value });
    expect(readFileSync(join(dir, 'env_optional.env'), 'utf8')).toBe(envFileLine('SES_USER', value));
    const read = await execa('sh', ['-c', '. "$1"; printf %s "$SES_USER"', 'sh', join(dir, 'env_optional.env')], { env: {}, extendEnv: false, stripFinalNewline: false });
    expect([index, read.stdout]).toEqual([index, value]);
  }
});
