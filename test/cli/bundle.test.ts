import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { statusPage } from '../../src/runtime/monitor/api/status-page.js';
import { cases } from '../spec/cases.js';
import { PROJECT_ROOT, tempDir, type TempDir } from '../support/tools.js';
import { orchgen } from './run.js';

const summaryLine = /^\d+ errors?, \d+ warnings?$/;

let scratch: TempDir;
beforeAll(async () => {
  scratch = await tempDir('orchgen-bundle-');
});
afterAll(async () => {
  await scratch?.cleanup();
});

describe('the installed command runs the bundle with the precompiled validator', () => {
  test.each(cases.map((c, i) => [`${c.code} ${c.name}`, c, i] as const))('%s: the same diagnostics as the sources', async (_, c, i) => {
    const dir = join(scratch.path, `case-${i}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'orchgen.yaml'), c.yaml);
    const result = await orchgen(['validate', '-f', 'orchgen.yaml'], { cwd: dir });
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines.filter((line) => !summaryLine.test(line))).toEqual(c.expected);
    expect(result.code).toBe(c.expected.some((line) => line.includes(': error[')) ? 1 : 0);
  });
});

describe('the bundle is the whole compiler', () => {
  /** bin.cjs, the bundle, its code cache and the schema, laid out as in the package, and nothing else. */
  function installCopy(name: string): string {
    const root = join(scratch.path, name);
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    for (const file of ['dist/cli/bin.cjs', 'dist/orchgen.bundle.cjs', 'dist/orchgen.bundle.cache', 'schema/orchgen.schema.json']) {
      cpSync(join(PROJECT_ROOT, file), join(root, file));
    }
    return root;
  }

  const run = (root: string, args: string[]) => execa(process.execPath, [join(root, 'dist', 'cli', 'bin.cjs'), ...args], { cwd: PROJECT_ROOT, reject: false, env: { NO_COLOR: '1' } });

  test('validate, build, schema and --version need no node_modules, sources or templates beside it', async () => {
    const root = installCopy('alone');
    const out = join(scratch.path, 'alone-out');
    const validate = await run(root, ['validate', '-f', 'examples/canvasbot/orchgen.yaml']);
    expect(validate.stdout).toMatch(/^examples\/canvasbot\/orchgen.yaml: ok, \d+ services/);
    const build = await run(root, ['build', '-f', 'examples/canvasbot/orchgen.yaml', '-o', out]);
    expect(build.exitCode, build.stderr).toBe(0);
    const check = await orchgen(['build', '-f', 'examples/canvasbot/orchgen.yaml', '-o', out, '--check']);
    expect(check.stdout).toMatch(/up to date/);
    const version = await run(root, ['--version']);
    expect(version.stdout).toBe(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version);
    const schema = await run(root, ['schema']);
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(readFileSync(join(PROJECT_ROOT, 'schema', 'orchgen.schema.json'), 'utf8')));
  });

  test('the monitor serves its status page from the bundle alone, as the sources make it', async () => {
    const root = installCopy('monitor');
    const dir = join(scratch.path, 'monitor-stack');
    mkdirSync(dir);
    writeFileSync(join(dir, 'orchgen.yaml'), 'version: 1\nproject: bundlepage\nservices:\n  a:\n    command: [/bin/sleep, "600"]\n');
    const files = ['-f', join(dir, 'orchgen.yaml'), '-o', join(dir, 'out')];
    expect((await run(root, ['build', ...files])).exitCode).toBe(0);
    // supervisord is not running: the monitor finds the service down and serves its API all the same
    const monitor = execa(process.execPath, [join(root, 'dist', 'cli', 'bin.cjs'), 'monitor', '-t', 'supervisor', ...files, '--state-dir', join(dir, 'state'), '--listen', '127.0.0.1:0'], { reject: false, env: { NO_COLOR: '1' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let printed = '';
        monitor.stdout!.on('data', (chunk: Buffer) => {
          printed += chunk.toString();
          const at = / at (http:\S+)/.exec(printed);
          if (at) resolve(at[1]!);
        });
        void monitor.then((ended) => reject(new Error(`the monitor ended: ${ended.stderr}`)));
      });
      const page = await fetch(url);
      expect([page.status, await page.text()]).toEqual([200, statusPage().html]);
    } finally {
      monitor.kill('SIGTERM');
      await monitor;
    }
  });

  test('V8 accepts the code cache made at build', () => {
    const probe = `const b = require(${JSON.stringify(join(PROJECT_ROOT, 'dist', 'cli', 'bin.cjs'))}).compileBundle(true); process.stdout.write(String(b.script.cachedDataRejected));`;
    return expect(execa(process.execPath, ['-e', probe]).then((r) => r.stdout)).resolves.toBe('false');
  });

  test('a rebuilt bundle never runs with the code cache of the build before', async () => {
    const root = installCopy('rebuilt');
    const bundleFile = join(root, 'dist', 'orchgen.bundle.cjs');
    const source = readFileSync(bundleFile, 'utf8');
    const code = source.slice(source.indexOf('\n'));
    // same length: V8 itself would take the old cache for this source
    const edited = code.replace('} unchanged, ${', '} UNCHANGED, ${');
    expect(edited.split('} UNCHANGED, ${').length).toBe(2);
    writeFileSync(bundleFile, `// orchgen bundle ${createHash('sha256').update(edited).digest('hex')}${edited}`);
    const result = await run(root, ['build', '-f', 'examples/canvasbot/orchgen.yaml', '-o', join(scratch.path, 'rebuilt-out')]);
    expect(result.stdout).toMatch(/^\S+: \d+ written, 0 UNCHANGED, 0 removed$/m);
  });
});

describe('each command loads only what it needs', () => {
  /** The files of dist/ and node_modules/ a run of the module-per-file build (dist/cli/main.js) loads. */
  async function loaded(args: string[]): Promise<string[]> {
    const log = join(scratch.path, `loaded-${args[0]}.txt`);
    const hooks = join(scratch.path, 'hooks.mjs');
    writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(process.env.ORCHGEN_LOAD_LOG, url + '\\n');\n  return next(url, context);\n}\n`);
    const register = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(`file://${hooks}`)});`;
    writeFileSync(log, '');
    await execa(process.execPath, ['--import', register, join(PROJECT_ROOT, 'dist', 'cli', 'main.js'), ...args], { cwd: PROJECT_ROOT, reject: false, env: { ORCHGEN_LOAD_LOG: log } });
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter((url) => url.startsWith(`file://${PROJECT_ROOT}`))
      .map((url) => url.slice(`file://${PROJECT_ROOT}`.length));
  }

  const runtimeCode = (files: string[]) => files.filter((f) => /^dist\/runtime\/(?!drivers\.js$)|^node_modules\/(execa|pm2)\//.test(f));
  const importCode = (files: string[]) => files.filter((f) => f.startsWith('dist/import/'));

  test('validate and build load no runtime code and no importer', async () => {
    for (const args of [['validate', '-f', 'examples/canvasbot/orchgen.yaml'], ['build', '-f', 'examples/canvasbot/orchgen.yaml', '-o', join(scratch.path, 'load-out')]]) {
      const files = await loaded(args);
      expect(files, 'the hook saw the compiler load').toContain('dist/pipeline/compile.js');
      expect(runtimeCode(files)).toEqual([]);
      expect(importCode(files)).toEqual([]);
    }
  });

  test('up loads the runtime (what the check above looks for exists)', async () => {
    const files = await loaded(['up', '-t', 'compose', '-f', 'examples/canvasbot/orchgen.yaml', '-o', join(scratch.path, 'up-out'), '--no-build']);
    expect(runtimeCode(files)).toContain('dist/runtime/up.js');
    expect(runtimeCode(files).some((f) => f.startsWith('node_modules/execa/'))).toBe(true);
  });
});
