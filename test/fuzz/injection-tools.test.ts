/**
 * Hostile values read back by the real tools' own parsers: docker-compose v1 (`config`, which
 * interpolates `$` and validates) and systemd 252 in a container (the units' properties over D-Bus,
 * which give exact argv arrays and environment strings). Many generated specs share one tool call:
 * each sample gets a project and service names no other sample uses.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa, execaSync } from 'execa';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { specArbitrary, type GeneratedSpec } from './arbitraries.js';
import { fuzzSeed, SEED_VARIABLE } from './seed.js';
import { argvOf, artifact, benignTwin, expectedEnv, renamedApart, render, serviceRenamed, servicesOf, type Rendered, type Svc } from './injection-support.js';
import { describeWithTool, hasComposeV1, hasSystemdImage, startSystemdContainer, tempDir, type SystemdContainer, type TempDir } from '../support/tools.js';

/** Generated specs per property; at these sizes each check takes under a minute on a busy 2-core machine. */
const COMPOSE_SAMPLES = 300;
const SYSTEMD_SAMPLES = 200;
/** Specs whose compose files one `docker-compose config` call reads (each with its benign twin). */
const COMPOSE_BATCH = 60;
/** Specs whose units one `daemon-reload` loads. */
const SYSTEMD_BATCH = 100;
/** A property that checked fewer inputs than this has not run in the hundreds. */
const MIN_CHECKED = 100;

const specs = specArbitrary({ rich: false, maxServices: 4 });
const seed = fuzzSeed('injection-tools');
const sample = (numRuns: number, offset: number) => fc.sample(specs, { numRuns, seed: seed + offset });
const seedNote = `seed ${seed}; ${SEED_VARIABLE}=${seed} replays it`;

interface Case {
  index: number;
  hostile: Rendered;
  twin: Rendered;
}

/**
 * Samples renamed apart and rendered with their benign twins. Those a target refuses (E301) and those
 * with nothing for it (`applies`) are counted and left out.
 */
function casesFor(samples: GeneratedSpec[], target: 'compose' | 'systemd', twinTag: (index: number) => string, applies: (s: Svc) => boolean) {
  const cases: Case[] = [];
  let refused = 0;
  let empty = 0;
  samples.forEach((generated, index) => {
    const hostile = render(renamedApart(generated, `${index}`), [target]);
    const twin = render(renamedApart(benignTwin(generated), twinTag(index)), [target]);
    if (!servicesOf(generated).some(([, s]) => applies(s))) empty++;
    else if (hostile.refused.has(target) || twin.refused.has(target)) refused++;
    else cases.push({ index, hostile, twin });
  });
  return { cases, refused, empty };
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Text in which every `$` must come as `$$`, with each pair made one `$`. docker-compose prints its
 * output so, and systemd keeps a command line so until it starts it: then `$$` becomes `$` and any
 * other `$` would expand a variable.
 */
function dollarsUnescaped(text: string, where: string): string {
  expect(text.replace(/\$\$/g, ''), `a lone $ in ${JSON.stringify(text)}: ${where}`).not.toContain('$');
  return text.replace(/\$\$/g, '$');
}

const specText = (c: Case) => `--- spec (${seedNote}) ---\n${c.hostile.generated.text}`;

// ---------------------------------------------------------------------------
// Compose

type ComposeService = Record<string, unknown> & { image?: string; command?: string[]; environment?: Record<string, string | null> };

/**
 * The spec without `depends_on.*.required`, which only Compose v2 reads (docker-compose 1.x rejects
 * the file); the values under test are untouched.
 */
function readableByComposeV1(g: GeneratedSpec): GeneratedSpec {
  const data = structuredClone(g.data);
  for (const s of Object.values(data.services as Record<string, Svc>)) {
    if (!s.depends_on || Array.isArray(s.depends_on)) continue;
    for (const dep of Object.values(s.depends_on)) if (typeof dep === 'object' && dep !== null) delete (dep as Record<string, unknown>).required;
  }
  return { data, text: JSON.stringify(data) };
}

const needsComposeV2 = (r: Rendered) => r.artifacts.some((a) => a.target === 'compose' && (a.notes ?? []).some((n) => n.startsWith('needs Compose v2')));

/** `docker-compose config` prints every `$` as `$$` so that its output reads back the same; undo exactly that. */
const composeUnescape = (text: string) => dollarsUnescaped(text, "Compose's output");

/** The interpreter docker-compose runs on, whose PyYAML reads Compose's output as Compose wrote it. */
function composePython(): string {
  const bin = execaSync('sh', ['-c', 'command -v docker-compose'], { reject: false }).stdout.trim();
  const shebang = bin ? /^#!\s*(\S+)/.exec(readFileSync(bin, 'utf8').slice(0, 200))?.[1] : undefined;
  return shebang && !shebang.endsWith('/env') ? shebang : 'python3';
}

async function composeConfig(dir: string, files: string[]): Promise<{ services: Record<string, ComposeService> } & Record<string, unknown>> {
  const config = await execa('docker-compose', ['-p', `orchgen-fuzz-${process.pid}`, ...files.flatMap((f) => ['-f', f]), 'config'], { cwd: dir, reject: false, stdin: 'ignore', timeout: 120_000 });
  expect(config.exitCode, `docker-compose config failed:\n${config.stderr}`).toBe(0);
  expect(config.stderr, 'docker-compose warned (an interpolated variable?)').toBe('');
  const toJson = await execa(composePython(), ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], { input: config.stdout, reject: false });
  expect(toJson.exitCode, toJson.stderr).toBe(0);
  return JSON.parse(toJson.stdout);
}

/** What a service must share with its twin: everything but the values, with the twin's names mapped back. */
function composeShape(service: ComposeService, tag: string): Record<string, unknown> {
  const { environment, command, depends_on: dependsOn, ...rest } = service;
  const unname = (n: string) => n.slice(serviceRenamed('', tag).length);
  return {
    ...rest,
    environment: Object.keys(environment ?? {}),
    command: command?.length,
    depends_on: dependsOn && Object.fromEntries(Object.entries(dependsOn as Record<string, unknown>).map(([k, v]) => [unname(k), v])),
  };
}

function checkComposeCase(c: Case, services: Record<string, ComposeService>): number {
  const containers = servicesOf(c.hostile.generated).filter(([, s]) => s.image !== undefined);
  for (const [name, s] of containers) {
    const got = services[name]!;
    const twinName = serviceRenamed(name.slice(serviceRenamed('', `${c.index}`).length), `${c.index}t`);
    const why = `${name}\n${artifact(c.hostile, 'compose/compose.yaml')!.content}\n${specText(c)}`;
    expect(got, why).toBeDefined();
    expect(composeUnescape(got.image!), why).toBe(s.image);
    const env = Object.fromEntries(Object.entries(got.environment ?? {}).map(([k, v]) => [k, v === null ? null : composeUnescape(v)]));
    expect(env, why).toEqual(expectedEnv(s));
    if (s.command === undefined) expect(got.command, why).toBeUndefined();
    else expect(got.command?.map(composeUnescape), why).toEqual(argvOf(s.command));
    expect(composeShape(got, `${c.index}`), why).toEqual(composeShape(services[twinName]!, `${c.index}t`));
  }
  return containers.length;
}

await describeWithTool('fuzz: docker-compose config reads hostile values back exactly', hasComposeV1, () => {
  let dir: TempDir;
  beforeAll(async () => {
    dir = await tempDir('orchgen-fuzz-compose-');
  });
  afterAll(async () => {
    await dir?.cleanup();
  });

  it('compose: Compose interpolates and validates every file to exactly the services, images, env and commands of the spec', async () => {
    const all = casesFor(sample(COMPOSE_SAMPLES, 0).map(readableByComposeV1), 'compose', (i) => `${i}t`, (s) => s.image !== undefined);
    const cases = all.cases.filter((c) => !needsComposeV2(c.hostile) && !needsComposeV2(c.twin));
    const { refused, empty } = all;
    const v2Only = all.cases.length - cases.length;
    let services = 0;
    for (const [b, batch] of batches(cases, COMPOSE_BATCH).entries()) {
      const batchDir = path.join(dir.path, `batch-${b}`);
      mkdirSync(batchDir, { recursive: true });
      const files: string[] = [];
      for (const c of batch) {
        for (const [tag, r] of [[`${c.index}`, c.hostile], [`${c.index}t`, c.twin]] as const) {
          writeFileSync(path.join(batchDir, `${tag}.yaml`), artifact(r, 'compose/compose.yaml')!.content);
          files.push(`${tag}.yaml`);
        }
      }
      const doc = await composeConfig(batchDir, files);
      expect(Object.keys(doc).filter((k) => !['version', 'services', 'networks', 'volumes'].includes(k)), 'top-level keys').toEqual([]);
      const expectedNames = batch.flatMap((c) => [c.hostile, c.twin].flatMap((r) => servicesOf(r.generated).filter(([, s]) => s.image !== undefined).map(([n]) => n)));
      expect(Object.keys(doc.services).sort(), seedNote).toEqual(expectedNames.sort());
      for (const c of batch) services += checkComposeCase(c, doc.services);
    }
    console.log(`property injection-compose-config: ${all.cases.length + refused + empty} inputs (${cases.length} read back by docker-compose config with ${services} services, ${refused} refused with E301, ${empty} without containers, ${v2Only} needing Compose v2; ${seedNote})`);
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CHECKED);
  });
});

// ---------------------------------------------------------------------------
// systemd

const UNIT_DIR = '/etc/systemd/system';
/** Properties that carry the free text itself; checked against the spec, not against the twin. */
const FREE_TEXT = ['Description', 'Environment', 'ExecStart', 'ExecStartEx'];

type Properties = Record<string, { type: string; data: unknown }>;

/** systemd's D-Bus object path of a unit (bus_label_escape: letters, and digits after the first byte, stay). */
function unitObjectPath(unit: string): string {
  const label = [...Buffer.from(unit, 'utf8')]
    .map((b, i) => (/[A-Za-z]/.test(String.fromCharCode(b)) || (i > 0 && b >= 0x30 && b <= 0x39) ? String.fromCharCode(b) : `_${b.toString(16).padStart(2, '0')}`))
    .join('');
  return `/org/freedesktop/systemd1/unit/${label}`;
}

const unitFiles = (r: Rendered) => r.artifacts.filter((a) => a.target === 'systemd');
/** Service units carry the values; the other files (the project's target) must match the twin's byte for byte. */
const serviceUnits = (r: Rendered) => unitFiles(r).filter((a) => a.path.endsWith('.service'));
const unitName = (artifactPath: string) => path.posix.basename(artifactPath);

/** Install the units, reload once, and read every unit's properties (all interfaces) in one exec. */
async function loadAndRead(box: SystemdContainer, hostDir: string, files: Array<{ path: string; content: string }>): Promise<Map<string, Properties>> {
  mkdirSync(hostDir, { recursive: true });
  for (const f of files) writeFileSync(path.join(hostDir, unitName(f.path)), f.content);
  await box.copyIn(`${hostDir}/.`, UNIT_DIR);
  const reload = await box.exec(['systemctl', 'daemon-reload']);
  expect(reload.exitCode, reload.stderr).toBe(0);
  const units = files.map((f) => unitName(f.path));
  const script = 'for p in "$@"; do busctl call --json=short org.freedesktop.systemd1 "$p" org.freedesktop.DBus.Properties GetAll s "" || echo null; done';
  const read = await box.exec(['sh', '-c', script, 'sh', ...units.map(unitObjectPath)], { timeout: 120_000 });
  const lines = read.stdout.split('\n').filter((l) => l !== '');
  expect(lines.length, read.stderr).toBe(units.length);
  return new Map(
    units.map((u, i) => {
      const reply = JSON.parse(lines[i]!) as { data: [Properties] } | null;
      expect(reply, `busctl could not read ${u}: ${read.stderr}`).not.toBeNull();
      return [u, reply!.data[0]];
    }),
  );
}

/** journalctl's JSON gives a field holding control characters or invalid UTF-8 as an array of bytes. */
const journalText = (v: unknown) => (Array.isArray(v) ? Buffer.from(v as number[]).toString('utf8') : String(v));

/** What systemd's unit-file parser complained about since the last call (it logs each complaint with CONFIG_FILE or UNIT). */
async function parserComplaints(box: SystemdContainer, units: Set<string>): Promise<string[]> {
  await box.exec(['journalctl', '--sync']);
  const r = await box.exec(['journalctl', '--cursor-file=/run/orchgen-fuzz.cursor', '-o', 'json', '_PID=1']);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => Object.fromEntries(Object.entries(JSON.parse(l) as Record<string, unknown>).map(([k, v]) => [k, journalText(v)])))
    .filter((e) => (e.CONFIG_FILE !== undefined && units.has(path.posix.basename(e.CONFIG_FILE))) || (e.UNIT !== undefined && units.has(e.UNIT)))
    .map((e) => e.MESSAGE ?? '')
    .filter((m, i, all) => all.indexOf(m) === i)
    .sort();
}

/** systemd keeps dependencies (After=, Wants=...) in hash sets: a list of names says nothing by its order. */
const unordered = (p: Properties[string]) => (p.type === 'as' ? { ...p, data: [...(p.data as string[])].sort() } : p);

const dataOf = (props: Properties, name: string) => props[name]!.data;
type ExecEntry = [string, string[], ...unknown[]];

/** The argv tail a service's own values make: the whole command of a process, image and command of a container. */
const ownTail = (s: Svc) => (s.image === undefined ? argvOf(s.command!) : [s.image, ...(s.command === undefined ? [] : argvOf(s.command))]);

const words = (text: string) => text.split(/[\s\x00-\x1f\x7f]+/).filter((w) => w !== '');

/**
 * Description= is one line: the spec's words, with whitespace and control characters between them
 * made one space, and no backslash at the end (it would continue the line).
 */
function descriptionWords(text: string): string[] {
  const list = words(text);
  if (list.length > 0) list.push(list.pop()!.replace(/\\+$/, ''));
  return list.filter((w) => w !== '');
}

/**
 * systemd keeps the program path with repeated slashes and `.` parts taken out: the same file, and
 * the process still gets argv[0] as written.
 */
function simplified(program: string): string {
  if (!program.startsWith('/')) return program;
  let path = program.replace(/\/{2,}/g, '/');
  while (path.includes('/./')) path = path.replace('/./', '/');
  return path.replace(/\/\.$/, '') || '/';
}

function checkServiceUnit(s: Svc, twinS: Svc, got: Properties, twin: Properties, why: string) {
  const description = descriptionWords(s.description ?? '');
  if (description.length > 0) expect(words(dataOf(got, 'Description') as string), why).toEqual(description);
  expect(dataOf(got, 'Environment'), why).toEqual(Object.entries(expectedEnv(s)).map(([k, v]) => `${k}=${v}`));
  const execs = dataOf(got, 'ExecStart') as ExecEntry[];
  const [twinExec] = dataOf(twin, 'ExecStart') as ExecEntry[];
  expect(execs.length, why).toBe(1);
  const exec = execs[0];
  const prefix = twinExec![1].slice(0, twinExec![1].length - ownTail(twinS).length);
  const argv = [...prefix, ...ownTail(s)];
  expect([exec![0], exec![1].map((word) => dollarsUnescaped(word, why))], why).toEqual([s.image === undefined ? simplified(argv[0]!) : twinExec![0], argv]);
  expect(exec!.slice(2), why).toEqual(twinExec!.slice(2));
}

/** `<project>-image-<image>.service`: the unit that pulls an image before the services that run it. */
/** The stack's own oneshot units: an image's pull unit and the project network's. */
const stackUnit = /-(image-[a-z0-9-]+|network(-\d+)?)\.service$/;

function checkSystemdCase(c: Case, hostile: Map<string, Properties>, twin: Map<string, Properties>): number {
  expect(unitFiles(c.hostile).map((f) => f.path), specText(c)).toEqual(unitFiles(c.twin).map((f) => f.path));
  for (const f of unitFiles(c.hostile).filter((a) => !a.path.endsWith('.service'))) expect(f.content, specText(c)).toBe(artifact(c.twin, f.path)!.content);
  const files = serviceUnits(c.hostile);
  const twinServices = new Map(servicesOf(c.twin.generated));
  const byUnit = new Map(servicesOf(c.hostile.generated).map(([n, s]) => [`${c.hostile.generated.data.project as string}-${n}.service`, [s, twinServices.get(n)!] as const]));
  for (const f of files) {
    const unit = unitName(f.path);
    const got = hostile.get(unit)!;
    const base = twin.get(unit)!;
    const why = `${unit}\n${f.content}\n${specText(c)}`;
    const own = byUnit.get(unit);
    // An image's pull unit and the network's hold no value of a service: they are the twin's, byte for byte.
    if (own === undefined && stackUnit.test(unit)) {
      expect(f.content, why).toBe(artifact(c.twin, f.path)!.content);
      continue;
    }
    expect(own, `a unit no service of the spec names: ${why}`).toBeDefined();
    checkServiceUnit(own![0], own![1], got, base, why);
    const rest = (p: Properties) => Object.fromEntries(Object.entries(p).filter(([k]) => !FREE_TEXT.includes(k)).map(([k, v]) => [k, unordered(v)]));
    expect(rest(got), `a property differs from the benign twin's: ${why}`).toEqual(rest(base));
  }
  return files.length;
}

await describeWithTool('fuzz: systemd reads hostile values back exactly', hasSystemdImage, () => {
  let dir: TempDir;
  let box: SystemdContainer | undefined;
  beforeAll(async () => {
    dir = await tempDir('orchgen-fuzz-systemd-');
    box = await startSystemdContainer('orchgen-fuzz-readback');
  });
  afterAll(async () => {
    await box?.stop();
    await dir?.cleanup();
  });

  it('systemd: every loaded unit has exactly the argv and environment of the spec and no property its benign twin lacks', async () => {
    const { cases, refused, empty } = casesFor(sample(SYSTEMD_SAMPLES, 1), 'systemd', (i) => `${i}`, () => true);
    let units = 0;
    /** Complaints the benign twins share: not about the values under test. */
    const shared: string[] = [];
    for (const [b, batch] of batches(cases, SYSTEMD_BATCH).entries()) {
      const names = new Set(batch.flatMap((c) => serviceUnits(c.hostile).map((f) => unitName(f.path))));
      await parserComplaints(box!, names);
      const hostile = await loadAndRead(box!, path.join(dir.path, `batch-${b}`, 'hostile'), batch.flatMap((c) => serviceUnits(c.hostile)));
      const hostileComplaints = await parserComplaints(box!, names);
      const twin = await loadAndRead(box!, path.join(dir.path, `batch-${b}`, 'twin'), batch.flatMap((c) => serviceUnits(c.twin)));
      const twinComplaints = await parserComplaints(box!, names);
      expect(hostileComplaints, `systemd read the units differently from their benign twins (${seedNote})`).toEqual(twinComplaints);
      shared.push(...twinComplaints);
      for (const c of batch) units += checkSystemdCase(c, hostile, twin);
      const rm = await box!.exec(['sh', '-c', `cd ${UNIT_DIR} && rm -f -- "$@"`, 'sh', ...names]);
      expect(rm.exitCode, rm.stderr).toBe(0);
    }
    console.log(`property injection-systemd-dbus: ${cases.length + refused + empty} inputs (${cases.length} loaded by systemd with ${units} service units read over D-Bus, ${refused} refused with E301, ${empty} without units; ${seedNote})`);
    if (shared.length > 0) console.log(`systemd complained about ${shared.length} benign twins' units too, e.g. ${shared[0]}`);
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CHECKED);
  });
});
