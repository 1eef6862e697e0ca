// The bundled CLI, dist/orchgen.bundle.cjs: src/cli/main.ts and everything it imports in one file,
// with the spec's validator and the templates precompiled (they replace the modules that compile
// them at run time). Its first line names the build (a hash of the rest), so a code cache made for
// another build is never used with it. dist/cli/bin.cjs runs it.
import { createHash } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { schemaValidatorModule } from './precompile-schema.mjs';
import { templateLoaderModule } from './precompile-templates.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
export const bundleFile = `${root}dist/orchgen.bundle.cjs`;
export const codeCacheFile = `${root}dist/orchgen.bundle.cache`;

/** Source modules the bundle replaces, each with the generator of its replacement. */
const precompiled = [
  { source: 'src/spec/schema-validator.ts', generate: schemaValidatorModule },
  { source: 'src/targets/shared/template-loader.ts', generate: templateLoaderModule },
];

const precompiledModules = {
  name: 'precompiled-modules',
  setup(build) {
    for (const { source, generate } of precompiled) {
      const filter = new RegExp(`^${escapeRegExp(`${root}${source}`)}$`);
      build.onLoad({ filter }, async () => ({ contents: await generate(), loader: 'js', resolveDir: root }));
    }
  },
};

/**
 * Each module's import.meta.url is that of its twin in dist/ (tsc's output, in the package too),
 * so that paths a module finds beside itself are the same in the bundle as in dist/.
 */
const moduleUrls = {
  name: 'module-urls',
  setup(build) {
    build.onLoad({ filter: new RegExp(`^${escapeRegExp(`${root}src/`)}.*\\.c?ts$`) }, async ({ path }) => {
      const twin = path.slice(`${root}src/`.length).replace(/\.ts$/, '.js').replace(/\.cts$/, '.cjs');
      const source = await readFile(path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', `__moduleUrl(${JSON.stringify(twin)})`), loader: 'ts' };
    });
  },
};

/**
 * commander requires child_process when it loads, only to spawn executable subcommands, which orchgen
 * has none of; loading it (with net, streams and dgram) is a sixth of a cold `validate`. Here it is
 * required on the first spawn instead.
 */
const lazyCommanderChildProcess = {
  name: 'lazy-commander-child-process',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`${path} no longer has the line ${eager}`);
      const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

export async function bundleCli() {
  rmSync(codeCacheFile, { force: true });
  const result = await esbuild.build({
    entryPoints: [`${root}src/cli/main.ts`],
    bundle: true,
    write: false,
    platform: 'node',
    // CommonJS, so that dist/cli/bin.cjs can run it as a vm.Script with V8's code cache (Node 20
    // has no code cache for ES modules); every dynamic import inside is resolved into the bundle.
    format: 'cjs',
    target: 'node20',
    // the directive first, or the banner would leave the bundle in sloppy mode
    banner: { js: `'use strict';\nconst __moduleUrl = (path) => require('node:url').pathToFileURL(require('node:path').join(__dirname, path)).href;` },
    plugins: [precompiledModules, moduleUrls, lazyCommanderChildProcess],
    define: { ORCHGEN_VERSION: JSON.stringify(await packageVersion()) },
    logLevel: 'warning',
    // a dependency's import.meta would be empty in the bundle
    logOverride: { 'empty-import-meta': 'error' },
    metafile: true,
    // a smaller bundle reads and compiles sooner; names are kept as they are, for readable internal errors
    minifyWhitespace: true,
    minifySyntax: true,
    // comments go too: they are where non-ASCII text stays, which would make the whole source two bytes a character
    legalComments: 'none',
  });
  refuseDynamicImports(result.metafile);
  // the entry's hashbang is for dist/cli/main.js; dropped here, the line numbers stay
  const code = result.outputFiles[0].text.replace(/^#![^\n]*/, '');
  refuseNonAscii(code);
  const build = createHash('sha256').update(code).digest('hex');
  // wrapped here as Node wraps a CommonJS module, so that the CLI compiles the file as it is read,
  // not a copy of it joined to a wrapper
  writeAtomically(bundleFile, `// orchgen bundle ${build}\n(function (exports, require, module, __filename, __dirname) {${code}\n})`);
}

/** What `orchgen --version` prints, from package.json at build time. */
async function packageVersion() {
  return JSON.parse(await readFile(`${root}package.json`, 'utf8')).version;
}

/** Others may run the CLI while it is rebuilt: they see the old file or the new one, whole. */
export function writeAtomically(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** A vm.Script cannot import(): everything must be in the bundle. */
function refuseDynamicImports(metafile) {
  const left = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.kind === 'dynamic-import'));
  if (left.length > 0) throw new Error(`the bundle would import() at run time: ${left.map((i) => i.path).join(', ')}`);
}

/** V8 keeps a source with one character past ASCII as two bytes a character: slower to read, hash and compile. */
function refuseNonAscii(code) {
  const at = code.search(/[^\x00-\x7f]/);
  if (at >= 0) throw new Error(`the bundle is not ASCII at ${at}: ${JSON.stringify(code.slice(Math.max(0, at - 40), at + 10))}`);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
