import type { Secret as RawSecret } from '../spec/spec.generated.js';
import type { Secret } from './types.js';

type RawEnv = Record<string, string | number | boolean | RawSecret>;

/**
 * The env layers merged (a later layer's key wins, keeping the first one's place), then split: plain
 * values as text, and secrets, which carry only the variable their value is read from.
 */
export function mergeEnv(...layers: Array<RawEnv | undefined>): { env: Array<[string, string]>; secrets: Secret[] } {
  const merged = new Map<string, RawEnv[string]>();
  for (const layer of layers) for (const [key, value] of Object.entries(layer ?? {})) merged.set(key, value);
  const env: Array<[string, string]> = [];
  const secrets: Secret[] = [];
  for (const [key, value] of merged) {
    if (typeof value === 'object') secrets.push({ key, from: value.from ?? key });
    else env.push([key, String(value)]);
  }
  return { env, secrets };
}
