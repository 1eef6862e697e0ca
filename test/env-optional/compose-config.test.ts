/**
 * Each Compose CLI's own reading of the generated file (`config`, which starts nothing): an
 * env_optional key takes the value of the environment Compose runs in, byte for byte, and stays
 * without a value (nothing passed to the container) when unset.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeClis, type ComposeCli } from '../support/compose-cli.js';
import { describeWithTool, tempDir, type TempDir } from '../support/tools.js';
import { orchgen } from '../cli/run.js';
import { distinctiveSecrets } from '../secrets/support.js';

const fixture = new URL('./fixtures/relay.yaml', import.meta.url);
let tmp: TempDir;
let composeDir: string;

beforeAll(async () => {
  tmp = await tempDir('orchgen-env-optional-compose-');
  copyFileSync(fixture, join(tmp.path, 'orchgen.yaml'));
  const build = await orchgen(['build', '-f', join(tmp.path, 'orchgen.yaml')]);
  expect(build.code, build.stderr).toBe(0);
  composeDir = join(tmp.path, 'out', 'compose');
});
afterAll(() => tmp?.cleanup());

/** The `environment` of `mail` as `config` prints it; `config` writes a literal `$` as `$$`, so the file can be read again. */
async function mailEnvironment(cli: ComposeCli, env: Record<string, string>): Promise<Record<string, string | null>> {
  const result = await cli.run(['-f', 'compose.yaml', 'config'], composeDir, env);
  expect(result.stderr).toBe('');
  return parse(result.stdout).services.mail.environment;
}

for (const cli of composeClis) {
  await describeWithTool(`env_optional read by ${cli.name} config`, cli.check, () => {
    it('an unset key stays without a value; the other keys are as written', async () => {
      expect(await mailEnvironment(cli, {})).toEqual({ SES_REGION: 'eu-west-1', SES_USER: null, SES_FROM: null });
    });

    it('a set key takes the value of the environment, hostile values byte for byte', async () => {
      for (const [index, value] of distinctiveSecrets.entries()) {
        const environment = await mailEnvironment(cli, { SES_USER: value, SES_FROM: '' });
        expect([index, environment.SES_USER, environment.SES_FROM]).toEqual([index, value.replace(/\$/g, '$$$$'), '']);
      }
    });
  });
}
