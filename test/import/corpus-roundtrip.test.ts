/**
 * Each corpus file, imported and built again for Compose, means the same to `docker compose config`
 * (v2, with the same .env) as the original on the keys the spec carries; the differences are the
 * ones the import warns about, listed per file in corpus-files.ts. Every volume keeps its engine
 * name, and an external one stays external.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseDotenv } from '../../src/import/procfile/dotenv.js';
import { parseDuration } from '../../src/model/duration.js';
import { describeWithTool, hasComposeV2, tempDir, type TempDir } from '../support/tools.js';
import { corpus, corpusDir, importEntry } from './corpus-files.js';
import { buildCompose, composeV2Config, requiredVars, type ComposeConfig } from './support.js';

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDir('orchgen-import-corpus-');
});
afterAll(() => tmp?.cleanup());

await describeWithTool('real Compose files, imported and built again, mean the same to docker compose config', hasComposeV2, () => {
  it.each(corpus)('$dir', async (entry) => {
    const dir = join(tmp.path, entry.dir);
    await cp(join(corpusDir, entry.dir), dir, { recursive: true });
    for (const file of entry.userFiles ?? []) if (!existsSync(join(dir, file))) await writeFile(join(dir, file), '');
    const result = importEntry(entry, dir, dir);
    const specFile = join(dir, 'orchgen.yaml');
    await writeFile(specFile, result.text!);
    const composeDir = await buildCompose(result.text!, specFile, join(dir, 'out'));
    const dotenv = existsSync(join(dir, '.env')) ? Object.fromEntries(parseDotenv(await readFile(join(dir, '.env'), 'utf8')).entries.map((e) => [e.key, e.value])) : {};
    const original = await composeV2Config(dir, entry.file, entry.vars ?? {});
    const generated = await composeV2Config(composeDir, 'compose.yaml', { ...requiredVars(result.text!), ...dotenv, ...entry.vars });
    expect(differences(original, generated)).toEqual(Object.keys(entry.differences));
    for (const [difference, code] of Object.entries(entry.differences)) {
      const service = difference.split('.')[0]!;
      expect(result.warnings.filter((w) => w.code === code && w.message.includes(`\`${service}\``)).length, `${difference}: a ${code} naming ${service}`).toBeGreaterThan(0);
    }
    expect(volumeDifferences(original, generated)).toEqual([]);
  });
});

const compared = [
  'image',
  'entrypoint',
  'command',
  'environment',
  'ports',
  'volumes',
  'devices',
  'user',
  'working_dir',
  'cap_add',
  'cap_drop',
  'extra_hosts',
  'init',
  'logging',
  'healthcheck',
  'depends_on',
  'restart',
  'stop_signal',
  'stop_grace_period',
  'network_mode',
  'deploy',
] as const;

/**
 * `service.key` for each compared key that differs, services matched by name after renaming (`_` → `-`).
 * An environment key given without a value and unset stays without one in both (`env_optional`).
 */
function differences(original: ComposeConfig, generated: ComposeConfig): string[] {
  const out: string[] = [];
  for (const [name, service] of Object.entries(original.services)) {
    const other = generated.services[name.toLowerCase().replace(/_/g, '-')] ?? {};
    const mine = { ...service, volumes: [...((service.volumes ?? []) as unknown[]), ...secretMounts(original, service)] };
    for (const key of compared) if (JSON.stringify(normalized(key, mine[key])) !== JSON.stringify(normalized(key, other[key]))) out.push(`${name}.${key}`);
  }
  return out;
}

/** A secret from a file is the read-only bind mount of that file at /run/secrets/<target>, as Compose makes it. */
function secretMounts(config: ComposeConfig, service: Record<string, unknown>): unknown[] {
  return ((service.secrets ?? []) as Array<{ source: string; target?: string }>).map((secret) => ({
    type: 'bind',
    source: config.secrets?.[secret.source]?.file,
    target: secret.target?.startsWith('/') ? secret.target : `/run/secrets/${secret.target ?? secret.source}`,
    read_only: true,
  }));
}

/**
 * `volumes.NAME` for each top-level volume whose engine name or external mark differs: every volume
 * both files declare, and every external volume of the original (an unused project volume may go, and
 * an anonymous one becomes a named one, with its warning).
 */
function volumeDifferences(original: ComposeConfig, generated: ComposeConfig): string[] {
  const meaning = (volume: { name?: string; external?: boolean } | null | undefined) => JSON.stringify({ name: volume?.name, external: volume?.external ?? false });
  const declared = Object.keys(original.volumes ?? {});
  const external = declared.filter((name) => original.volumes?.[name]?.external);
  const names = [...new Set([...Object.keys(generated.volumes ?? {}).filter((name) => declared.includes(name)), ...external])];
  return names.filter((name) => meaning(original.volumes?.[name]) !== meaning(generated.volumes?.[name])).map((name) => `volumes.${name}`);
}

function normalized(key: (typeof compared)[number], value: unknown): unknown {
  if (key === 'restart') return String(value ?? 'no').replace('unless-stopped', 'always');
  if (key === 'depends_on') return Object.fromEntries(Object.entries((value ?? {}) as Record<string, { condition: string }>).map(([n, d]) => [n.replace(/_/g, '-'), d.condition]));
  if (key === 'healthcheck') {
    const { test, interval, timeout, retries, start_period, disable } = (value ?? {}) as Record<string, unknown>;
    // No test: the image's own check runs in both.
    if (test === undefined || disable === true) return null;
    const ms = (duration: unknown, fallback: string) => parseDuration(String(duration ?? fallback));
    return { test, interval: ms(interval, '30s'), timeout: ms(timeout, '30s'), retries: retries ?? 3, start_period: ms(start_period, '0s') };
  }
  if (key === 'volumes') return ((value ?? []) as Array<Record<string, unknown>>).map((v) => ({ type: v.type, source: v.source ?? null, target: v.target, read_only: v.read_only ?? false }));
  if (key === 'stop_signal') return value ?? 'SIGTERM';
  if (key === 'stop_grace_period') return parseDuration(String(value ?? '10s'));
  if (key === 'deploy') {
    const resources = ((value ?? {}) as { resources?: Record<string, unknown> }).resources;
    return resources && Object.keys(resources).length > 0 ? resources : null;
  }
  return value ?? null;
}
