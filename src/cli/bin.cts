#!/usr/bin/env node
// The installed `orchgen` command. It runs the bundled CLI (dist/orchgen.bundle.cjs, made by
// scripts/bundle.mjs) with the V8 code cache made at build (dist/orchgen.bundle.cache), so start-up
// neither parses the bundle nor compiles again the functions a compile runs. The cache is used only
// for the bundle it was made from, and only when V8 accepts it (the same Node version and flags);
// otherwise the bundle is compiled as usual.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

export const bundleFile = join(__dirname, '..', 'orchgen.bundle.cjs');
export const codeCacheFile = join(__dirname, '..', 'orchgen.bundle.cache');

export interface Bundle {
  script: Script;
  /** The bundle's first line, which names its build; its cache file starts with the same line. */
  build: string;
}

/** The bundle compiled as Node compiles a CommonJS module, with its code cache when it has one. */
export function compileBundle(withCache: boolean): Bundle {
  // the bundle is ASCII (scripts/bundle.mjs refuses anything else): read as latin1, it becomes a
  // one-byte string at once, where UTF-8 decoding of 1.5 MB takes a tenth of a cold start
  const source = readFileSync(bundleFile, 'latin1');
  const build = source.slice(0, source.indexOf('\n') + 1);
  const cachedData = withCache ? codeCacheOf(build) : undefined;
  // the bundle is a function expression (exports, require, module, __filename, __dirname) => void
  return { script: new Script(source, { filename: bundleFile, ...(cachedData ? { cachedData } : {}) }), build };
}

export function runBundle(bundle: Bundle): void {
  const bundleModule = { exports: {} };
  bundle.script.runInThisContext()(bundleModule.exports, createRequire(bundleFile), bundleModule, bundleFile, dirname(bundleFile));
}

/** What the cache file holds: the bundle's build line, then V8's data for the functions compiled so far. */
export function codeCacheContent(bundle: Bundle): Buffer {
  return Buffer.concat([Buffer.from(bundle.build), bundle.script.createCachedData()]);
}

function codeCacheOf(build: string): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(codeCacheFile);
  } catch {
    return undefined;
  }
  const head = Buffer.from(build);
  return build !== '' && cache.subarray(0, head.length).equals(head) ? cache.subarray(head.length) : undefined;
}

if (require.main === module) runBundle(compileBundle(true));
