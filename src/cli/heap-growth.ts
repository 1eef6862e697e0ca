import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/** The spec size from which the heap's growth is bounded: about 2,500 services of the bench's specs. */
export const largeSpecBytes = 1024 * 1024;

/** How much a heap may grow after each full collection, for a large spec: by half of what is live. */
export const boundedGrowthFlag = '--heap-growing-percent=50';

/** The V8 flag a spec of this size is compiled with, if any. */
export function heapGrowthFlagFor(specBytes: number): string | undefined {
  return specBytes >= largeSpecBytes ? boundedGrowthFlag : undefined;
}

/**
 * V8 lets a heap whose collections are cheap grow to about four times what is live before the
 * next full collection, so a large build peaked at several times its live size (a build of 10,000
 * services: ~440 MB; bounded by half, ~345 MB for a few percent more time; by a tenth, ~320 MB for
 * 15% more). Below `largeSpecBytes` the extra collections cost more time than the memory is
 * worth. node:v8 is required only then: loading it is a fiftieth of a cold start.
 */
export function boundHeapGrowth(cwd: string, file: string): void {
  let size: number;
  try {
    size = statSync(resolve(cwd, file)).size;
  } catch {
    return; // the spec's loader reports what is wrong with it
  }
  const flag = heapGrowthFlagFor(size);
  if (flag) (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(flag);
}
