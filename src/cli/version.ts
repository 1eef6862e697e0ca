import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

/** Set by the bundle (scripts/bundle.mjs) from package.json: the bundle needs no file beside it. */
declare const ORCHGEN_VERSION: string | undefined;

/** The version in orchgen's own package.json. */
export function packageVersion(): string {
  if (typeof ORCHGEN_VERSION === 'string') return ORCHGEN_VERSION;
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
