import { writeSync } from 'node:fs';

/** One variable replays every property: the seed each of them printed. */
export const SEED_VARIABLE = 'ORCHGEN_FUZZ_SEED';
/** Runs per property outside CI, for a long hunt: ORCHGEN_FUZZ_RUNS=50000. */
export const RUNS_VARIABLE = 'ORCHGEN_FUZZ_RUNS';

function wholeNumberFrom(variable: string): number | undefined {
  const text = process.env[variable];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${variable}=${text} is not a whole number`);
  return value;
}

const seed = wholeNumberFrom(SEED_VARIABLE) ?? Math.floor(Math.random() * 2 ** 31);

/**
 * The seed and run count of one property, announced on stderr before it runs: written
 * synchronously, so the line is there even when the worker dies of an out-of-memory abort.
 */
export function fuzzRun(property: string, ciRuns: number): { seed: number; numRuns: number } {
  const numRuns = wholeNumberFrom(RUNS_VARIABLE) ?? ciRuns;
  writeSync(2, `property ${property}: seed ${seed}, ${numRuns} runs; replay with ${SEED_VARIABLE}=${seed}\n`);
  return { seed, numRuns };
}

/** The shared seed, for properties that draw samples themselves. */
export function fuzzSeed(property: string): number {
  writeSync(2, `property ${property}: seed ${seed}; replay with ${SEED_VARIABLE}=${seed}\n`);
  return seed;
}
