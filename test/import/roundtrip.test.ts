import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importCompose } from '../../src/import/compose/index.js';
import { parseDuration } from '../../src/model/duration.js';
import { describeWithTool, hasComposeV1, tempDir, type TempDir } from '../support/tools.js';
import { buildCompose, composeConfig, fixturesDir, shlexSplit, specDiagnostics, type ComposeConfig } from './support.js';

interface Fixture {
  name: string;
  file: string;
  /** Variables set when either file is read by `config` (the generated file requires its env_required keys). */
  vars: Record<string, string>;
  /** Compose name → orchgen name, where they differ. */
  renamed?: Record<string, string>;
}

const fixtures: Fixture[] = [
  { name: 'webapp', file: 'docker-compose.yml', vars: { POSTGRES_PASSWORD: 'pw $ "x"', DATABASE_PASSWORD: 'pw $ "x"', SECRET_KEY: 's3cret' } },
  { name: 'inference', file: 'compose.yaml', vars: { HF_TOKEN: 'hf_token' } },
  { name: 'profiles', file: 'docker-compose.yaml', vars: {}, renamed: { db_main: 'db-main' } },
];

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDir('orchgen-import-');
});
afterAll(() => tmp?.cleanup());

await describeWithTool('a Compose file, imported and built again, means the same to docker-compose config', hasComposeV1, () => {
  it.each(fixtures)('$name', async (fixture) => {
    const dir = join(fixturesDir, fixture.name);
    const outDir = join(tmp.path, fixture.name);
    const specFile = join(outDir, 'orchgen.yaml');
    const text = await readFile(join(dir, fixture.file), 'utf8');
    const imported = importCompose({ file: fixture.file, text, dir }, { outDir, schemaRef: 'orchgen.schema.json' });
    expect(specDiagnostics(imported.text!).filter((d) => d.includes('error['))).toEqual([]);
    const composeDir = await buildCompose(imported.text!, specFile, join(outDir, 'out'));
    await writeFile(specFile, imported.text!);

    const original = await composeConfig(dir, fixture.file, fixture.vars);
    const generated = await composeConfig(composeDir, 'compose.yaml', fixture.vars);
    const rename = (name: string) => fixture.renamed?.[name] ?? name;
    const expected = Object.fromEntries(await Promise.all(Object.entries(original.services).map(async ([name, s]) => [rename(name), await relevant(s, rename)])));
    const actual = Object.fromEntries(await Promise.all(Object.entries(generated.services).map(async ([name, s]) => [name, await relevant(s, (n) => n)])));
    expect(actual).toEqual(expected);
  });
});

/** The parts of a service the import must keep, in one form whichever way the file wrote them. */
async function relevant(service: ComposeConfig['services'][string], rename: (name: string) => string) {
  return {
    image: service.image,
    command: await command(service.command),
    environment: Object.fromEntries(Object.entries((service.environment ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v === null ? null : unescape(String(v))])),
    healthcheck: healthcheck(service.healthcheck as Record<string, unknown> | undefined),
    depends_on: Object.fromEntries(Object.entries((service.depends_on ?? {}) as Record<string, { condition: string }>).map(([name, d]) => [rename(name), d.condition])),
    ports: ((service.ports ?? []) as Array<Record<string, unknown>>).map(({ protocol, ...port }) => (protocol === 'tcp' ? port : { ...port, protocol })),
    volumes: service.volumes,
    limits: limits(service),
    devices: (service.deploy as Deploy | undefined)?.resources?.reservations?.devices,
    profiles: service.profiles,
    // unless-stopped has no equivalent: the import says it becomes always.
    restart: String(service.restart ?? 'no').replace('unless-stopped', 'always'),
    stop_signal: service.stop_signal ?? 'SIGTERM',
    stop_grace_period: parseDuration(String(service.stop_grace_period ?? '10s')),
  };
}

type Deploy = { resources?: { limits?: { memory?: string; cpus?: number | string }; reservations?: { devices?: unknown[] } } };

/** Memory in bytes and cpus as a number, from `deploy` or the older `mem_limit` and `cpus`. */
function limits(service: Record<string, unknown>) {
  const limit = (service.deploy as Deploy | undefined)?.resources?.limits ?? {};
  const memory = limit.memory ?? service.mem_limit;
  const cpus = limit.cpus ?? service.cpus;
  return { memory: memory === undefined ? undefined : bytes(String(memory)), cpus: cpus === undefined ? undefined : Number(cpus) };
}

function bytes(text: string): number {
  const [, amount, unit] = /^([0-9.]+)([kmgt]?)b?$/i.exec(text)!;
  return Number(amount) * 1024 ** ' kmgt'.indexOf((unit || ' ').toLowerCase());
}

/** `config` writes a literal `$` as `$$`. */
function unescape(text: string): string {
  return text.replace(/\$\$/g, '$');
}

async function command(value: unknown): Promise<string[] | undefined> {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map((v) => unescape(String(v))) : shlexSplit(unescape(String(value)));
}

/** Compose's defaults filled in, durations in ms, the string form as CMD-SHELL. */
function healthcheck(check: Record<string, unknown> | undefined) {
  if (check === undefined || check.disable === true) return undefined;
  const ms = (value: unknown, fallback: string) => parseDuration(String(value ?? fallback).replace(/^(\d+)$/, '$1s'));
  const test = typeof check.test === 'string' ? ['CMD-SHELL', check.test] : (check.test as string[]);
  return {
    test: test.map(unescape),
    interval: ms(check.interval, '30s'),
    timeout: ms(check.timeout, '30s'),
    retries: check.retries ?? 3,
    start_period: ms(check.start_period, '0s'),
  };
}
