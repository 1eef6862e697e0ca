import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { orchgen } from './run.js';

const examples = readdirSync('examples');
const scratch = mkdtempSync(join(tmpdir(), 'orchgen-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    try {
      files[relative(dir, path)] = readFileSync(path, 'utf8');
    } catch {
      // a folder
    }
  }
  return files;
}

describe.each(examples)('example %s', (example) => {
  const file = `examples/${example}/orchgen.yaml`;
  const out = join(scratch, example);

  test('validates', async () => {
    const result = await orchgen(['validate', '-f', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${file}: ok, \\d+ services in \\d+ waves`));
  });

  test('builds the same bytes twice, and --check passes right after', async () => {
    const first = await orchgen(['build', '-f', file, '-o', out]);
    expect(first.code).toBe(0);
    const before = snapshot(out);
    expect(Object.keys(before)).toContain('.orchgen-manifest.json');
    const second = await orchgen(['build', '-f', file, '-o', out]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/: 0 written, \d+ unchanged, 0 removed/);
    expect(snapshot(out)).toEqual(before);
    expect((await orchgen(['build', '-f', file, '-o', out, '--check'])).code).toBe(0);
  });

  test('--check exits 1 naming a generated file that was edited', async () => {
    const manifest = JSON.parse(readFileSync(join(out, '.orchgen-manifest.json'), 'utf8')) as { files: string[] };
    const victim = manifest.files[0] ?? '.orchgen-manifest.json';
    const original = readFileSync(join(out, victim), 'utf8');
    writeFileSync(join(out, victim), `${original}# edited by hand\n`);
    const result = await orchgen(['build', '-f', file, '-o', out, '--check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`  changed ${victim}\n`);
    writeFileSync(join(out, victim), original);
  });
});

describe('the writer', () => {
  const yaml = (services: string) => `version: 1\nproject: demo\nservices:\n${services}`;
  const dir = join(scratch, 'writer');

  test('removes its own stale files, never a file it did not write', async () => {
    rmSync(dir, { recursive: true, force: true });
    const spec = join(dir, 'orchgen.yaml');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(spec, yaml('  web: {image: nginx:1.27}\n  api: {image: busybox:1.36}\n'));
    expect((await orchgen(['build', '-f', spec])).code).toBe(0);
    const first = JSON.parse(readFileSync(join(dir, 'out', '.orchgen-manifest.json'), 'utf8')).files as string[];
    writeFileSync(join(dir, 'out', 'notes.txt'), 'mine');
    writeFileSync(spec, yaml('  web: {image: nginx:1.27}\n'));
    const second = await orchgen(['build', '-f', spec]);
    expect(second.code).toBe(0);
    const now = JSON.parse(readFileSync(join(dir, 'out', '.orchgen-manifest.json'), 'utf8')).files as string[];
    for (const gone of first.filter((f) => !now.includes(f))) {
      expect(existsSync(join(dir, 'out', gone))).toBe(false);
      expect(second.stdout).toContain(`  removed ${gone}\n`);
    }
    expect(readFileSync(join(dir, 'out', 'notes.txt'), 'utf8')).toBe('mine');
  });

  test('--check lists missing, changed and extra files; --dry-run writes nothing', async () => {
    const spec = join(dir, 'orchgen.yaml');
    writeFileSync(spec, yaml('  web: {image: nginx:1.27}\n  api: {image: busybox:1.36}\n'));
    const check = await orchgen(['build', '-f', spec, '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/out is out of date; run `orchgen build`:\n/);
    expect(check.stderr).toContain('  changed .orchgen-manifest.json\n');
    const before = snapshot(join(dir, 'out'));
    const dry = await orchgen(['build', '-f', spec, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('(dry run, nothing written)');
    expect(dry.stdout).toContain('  update .orchgen-manifest.json\n');
    expect(snapshot(join(dir, 'out'))).toEqual(before);
  });

  test('bad input: every problem, exit 1, no stack trace, nothing written', async () => {
    const bad = join(scratch, 'bad');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(bad, { recursive: true });
    const spec = join(bad, 'orchgen.yaml');
    writeFileSync(spec, yaml('  web:\n    image: nginx\n    restart: sometimes\n  api:\n    image: busybox\n    depend_on: [web]\n'));
    const result = await orchgen(['build', '-f', spec], { cwd: bad });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'orchgen.yaml:6:14: error[E104]: `services.web.restart` must be `always`, `on-failure`, `no` or a mapping, not `sometimes`',
        'orchgen.yaml:9:5: error[E101]: unknown key `depend_on` in `services.api`',
        '  hint: did you mean `depends_on`?',
        '2 errors, 0 warnings; nothing written',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(bad, 'out'))).toBe(false);
  });

  test('unknown target and unknown option are errors with a hint', async () => {
    const result = await orchgen(['build', '-f', 'examples/extrophi/orchgen.yaml', '-t', 'sytemd', '--dry-run']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown target `sytemd`');
    expect(result.stderr).toContain('did you mean `systemd`?');
  });
});

describe('other commands', () => {
  test('schema prints the JSON Schema', async () => {
    const result = await orchgen(['schema']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(readFileSync('schema/orchgen.schema.json', 'utf8')));
  });

  test('every command has --help with an example', async () => {
    for (const command of ['validate', 'graph', 'build', 'schema']) {
      const result = await orchgen([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Example');
    }
  });

  test('graph --format mermaid', async () => {
    const result = await orchgen(['graph', '-f', 'examples/extrophi/orchgen.yaml', '--format', 'mermaid']);
    expect(result.stdout).toBe(
      [
        'flowchart LR',
        '  backend["backend"]',
        '  research["research"]',
        '  writer["writer"]',
        '  backend -->|healthy| research',
        '  backend -->|healthy| writer',
        '  research -->|healthy| writer',
        '',
      ].join('\n'),
    );
  });

  test('colour only on request of a terminal: NO_COLOR output has no escapes', async () => {
    const result = await orchgen(['validate', '-f', 'nope.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        `nope.yaml:1:1: error[E002]: cannot read the spec: no such file: ${join(process.cwd(), 'nope.yaml')}`,
        '  hint: give the spec with -f, e.g. `-f path/to/orchgen.yaml`',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });
});
