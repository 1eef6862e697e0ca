import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTool, hasSystemdImage, PROJECT_ROOT, startSystemdContainer, tempDir, type SystemdContainer, type TempDir } from '../../support/tools.js';
import { multiServiceSpec } from './fixtures.js';
import { errorsOf, provideProgramsAndUsers, renderSpec, verifyUnits, writeArtifacts, type Rendered } from './support.js';

const examples = readdirSync(path.join(PROJECT_ROOT, 'examples'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

await describeWithTool('systemd-analyze verify accepts the units', hasSystemdImage, () => {
  let container: SystemdContainer;
  let work: TempDir;

  beforeAll(async () => {
    // A host that runs containers has docker.service, which container units require.
    container = await startSystemdContainer('systemd-verify', { engineUnit: true });
    work = await tempDir('orchgen-systemd-verify-');
  });
  afterAll(async () => {
    await container?.stop();
    await work?.cleanup();
  });

  /** The units, then each fallback drop-in placed in its unit's .d folder: verify prints nothing. */
  async function expectVerified(name: string, rendered: Rendered): Promise<void> {
    expect(errorsOf(rendered)).toEqual([]);
    await provideProgramsAndUsers(container, rendered.model);
    const units = rendered.artifacts.filter((a) => !a.path.startsWith('fallbacks/'));
    const dir = path.join(work.path, name);
    await writeArtifacts(dir, units);
    expect(await verifyUnits(container, dir, name)).toEqual({ exitCode: 0, output: '' });
    for (const dropIn of rendered.artifacts.filter((a) => a.path.startsWith('fallbacks/'))) {
      const [, service, file] = dropIn.path.split('/') as [string, string, string];
      const variantDir = path.join(work.path, `${name}-${service}-${path.basename(file, '.conf')}`);
      await writeArtifacts(variantDir, [...units, { path: `${rendered.model.project}-${service}.service.d/${file}`, content: dropIn.content }]);
      expect(await verifyUnits(container, variantDir, path.basename(variantDir))).toEqual({ exitCode: 0, output: '' });
    }
  }

  it('a multi-service stack with every kind of unit, with and without hardening', async () => {
    await expectVerified('shop', renderSpec(multiServiceSpec));
    await expectVerified('shop-hardened', renderSpec(multiServiceSpec.replace('wanted_by: default.target', 'wanted_by: default.target, hardening: true')));
    await expectVerified('shop-podman', renderSpec(multiServiceSpec.replace('wanted_by: default.target', 'engine: podman')));
  });

  it('a container others wait to complete (Type=oneshot) with restart: on-failure', async () => {
    const spec = [
      'version: 1',
      'project: oneshot',
      'services:',
      '  migrate:',
      '    image: busybox:1',
      '    command: ["true"]',
      '    restart: on-failure',
      '  api:',
      '    command: [/bin/true]',
      '    depends_on: { migrate: completed }',
      '',
    ].join('\n');
    await expectVerified('oneshot', renderSpec(spec));
  });

  it('the check fails on a unit systemd rejects (so a clean run means something)', async () => {
    const rendered = renderSpec(multiServiceSpec);
    const broken = rendered.artifacts.map((a) => (a.path === 'shop-api.service' ? { ...a, content: a.content.replace('[Service]\n', '[Service]\nRestartSteps=3\n') } : a));
    const dir = path.join(work.path, 'broken');
    await writeArtifacts(dir, broken.filter((a) => !a.path.startsWith('fallbacks/')));
    const result = await verifyUnits(container, dir, 'broken');
    expect(result.output).toContain("Unknown key 'RestartSteps'");
  });

  it('hardening: systemd-analyze security rates the units OK (exposure at most 3 of 10; 9 and more without)', async () => {
    const exposure = async (name: string, rendered: Rendered, unit: string) => {
      const dir = path.join(work.path, name);
      await writeArtifacts(dir, rendered.artifacts);
      await verifyUnits(container, dir, name);
      const r = await container.exec(['sh', '-c', `cd /tmp/verify-${name} && systemd-analyze security --offline=true --no-pager ./${unit}`]);
      const match = /Overall exposure level for \S+: ([0-9.]+)/.exec(r.stdout);
      expect(match, r.stdout + r.stderr).not.toBeNull();
      return Number(match![1]);
    };
    const hardened = renderSpec(multiServiceSpec.replace('wanted_by: default.target', 'wanted_by: default.target, hardening: true'));
    const plain = renderSpec(multiServiceSpec);
    const scores: Record<string, [number, number]> = {};
    for (const unit of ['shop-cache.service', 'shop-api.service', 'shop-db.service', 'shop-worker.service']) {
      scores[unit] = [await exposure('security-hardened', hardened, unit), await exposure('security-plain', plain, unit)];
    }
    for (const [unit, [withHardening, without]] of Object.entries(scores)) {
      expect([unit, withHardening <= 3]).toEqual([unit, true]);
      expect([unit, without >= 9]).toEqual([unit, true]);
    }
    console.info(`systemd-analyze security exposure (hardened / plain): ${JSON.stringify(scores)}`);
  });

  it.each(examples)('examples/%s', async (example) => {
    const yaml = await readFile(path.join(PROJECT_ROOT, 'examples', example, 'orchgen.yaml'), 'utf8');
    await expectVerified(`example-${example}`, renderSpec(yaml));
  });
});
