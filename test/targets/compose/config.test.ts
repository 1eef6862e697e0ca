import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeWithTool, hasComposeV1, hasComposeV2, tempDir, type TempDir } from '../../support/tools.js';
import { buildTo, composeFiles, composeV1, composeV2, examplesDir, fixturesDir, needsV2, requiredEnv, schemaErrors, variantCompose, type Built, type ComposeCli } from './support.js';

/** The fixtures and every example stack that runs something in a container. */
const specs = [
  ...['small.yaml', 'full.yaml', 'v2.yaml'].map((name) => ({ name: `fixture ${name}`, file: join(fixturesDir, name) })),
  ...(existsSync(examplesDir) ? readdirSync(examplesDir).sort() : [])
    .map((name) => ({ name: `example ${name}`, file: join(examplesDir, name, 'orchgen.yaml') }))
    .filter((s) => existsSync(s.file)),
].filter((s) => /^\s+image:/m.test(readFileSync(s.file, 'utf8')));

const built = new Map<string, Built & { composeDir: string }>();
let tmp: TempDir;

beforeAll(async () => {
  tmp = await tempDir('orchgen-compose-config-');
  for (const [i, spec] of specs.entries()) {
    built.set(spec.name, await buildTo(await readFile(spec.file, 'utf8'), spec.file, join(tmp.path, String(i))));
  }
});
afterAll(() => tmp?.cleanup());

describe('generated files against the Compose Specification JSON Schema', () => {
  it('covers the fixtures and the examples with containers', () => {
    expect(built.size).toBe(specs.length);
    expect(built.size).toBeGreaterThanOrEqual(3);
  });

  it.each(specs.map((s) => s.name))('%s', async (name) => {
    const b = built.get(name)!;
    for (const file of composeFiles(b)) expect([file, await schemaErrors(b.files.get(`compose/${file}`)!)]).toEqual([file, []]);
  });
});

/**
 * `config -q` accepts compose.yaml and compose.yaml + each fallback override, unless the file says it
 * needs Compose v2, in which case v1 must reject it (the note is not a guess). The merge of the base
 * and an override gives the same `config` as the stack written with the variant in place.
 */
function configSuite(cli: ComposeCli, v1: boolean) {
  const accepts = (content: string[]) => !v1 || !content.some(needsV2);

  it.each(specs.map((s) => s.name))('%s', async (name) => {
    const b = built.get(name)!;
    const env = requiredEnv(b.model);
    const base = b.files.get('compose/compose.yaml')!;
    const result = await cli.run(['-f', 'compose.yaml', 'config', '-q'], b.composeDir, env);
    expect([name, result.exitCode === 0, result.stderr]).toEqual([name, accepts([base]), accepts([base]) ? '' : expect.any(String)]);

    for (const file of composeFiles(b).filter((f) => f.startsWith('fallbacks/'))) {
      const override = b.files.get(`compose/${file}`)!;
      const merged = await cli.run(['-f', 'compose.yaml', '-f', file, 'config'], b.composeDir, env);
      expect([file, merged.exitCode === 0]).toEqual([file, accepts([base, override])]);
      if (merged.exitCode !== 0) continue;
      const [, service, fallback] = /^fallbacks\/([^.]+)\.(.+)\.yaml$/.exec(file)!;
      await writeFile(join(b.composeDir, 'variant.yaml'), variantCompose(b, service!, fallback!));
      const variant = await cli.run(['-f', 'variant.yaml', 'config'], b.composeDir, env);
      expect(variant.exitCode).toBe(0);
      expect([file, sortedPorts(merged.stdout)]).toEqual([file, sortedPorts(variant.stdout)]);
    }
  });
}

/** `config` output as data; a merge may list ports in another order, which means the same. */
function sortedPorts(configText: string): unknown {
  const config = parse(configText, { version: '1.1' }) as { services: Record<string, { ports?: unknown[] }> };
  for (const service of Object.values(config.services)) service.ports?.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return config;
}

await describeWithTool('docker-compose (Compose v1) config', hasComposeV1, () => {
  configSuite(composeV1, true);

  it('reads every string exactly (PyYAML)', async () => {
    const all = Array.from({ length: 0xfffe }, (_, i) => i + 1)
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCharCode(c))
      .join('');
    const values = [all, '\u{1F600}\u{10FFFF}', ' $HOME ${X} $$ ', 'yes', '0777', '1:20', 'null', '~', '', 'l1\nl2\n'];
    const env = values.map((v, i) => `      V${i}: ${JSON.stringify(v)}`).join('\n');
    const spec = `version: 1\nproject: chars\nservices:\n  s:\n    image: busybox\n    command: ${JSON.stringify(values)}\n    env:\n${env}\n`;
    const dir = await tempDir('orchgen-compose-chars-');
    try {
      const b = await buildTo(spec, join(dir.path, 'orchgen.yaml'), join(dir.path, 'out'));
      const r = await composeV1.run(['config'], b.composeDir);
      expect(r.stderr).toBe('');
      const service = (parse(r.stdout, { version: '1.1' }) as { services: { s: { command: string[]; environment: Record<string, string> } } }).services.s;
      const unescape = (v: string) => v.replace(/\$\$/g, '$');
      expect(service.command.map(unescape)).toEqual(values);
      expect(values.map((_, i) => unescape(service.environment[`V${i}`]!))).toEqual(values);
    } finally {
      await dir.cleanup();
    }
  });
});

await describeWithTool('docker compose (Compose v2) config', hasComposeV2, () => configSuite(composeV2, false));
