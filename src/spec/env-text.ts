import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { WrittenScalar } from './core-schema.js';

/**
 * Env values reach the process as the text the user wrote: `1.0` stays "1.0", `0x1F` stays "0x1F".
 * Rewrites number and boolean scalars under every `env` mapping to their source text.
 */
export function keepEnvText(doc: Document.Parsed): void {
  const root = doc.contents;
  if (!isMap(root)) return;
  keepIn(root.get('defaults', true));
  const services = root.get('services', true);
  if (!isMap(services)) return;
  for (const pair of services.items) {
    keepIn(pair.value);
    const fallbacks = isMap(pair.value) ? pair.value.get('fallbacks', true) : undefined;
    if (!isSeq(fallbacks)) continue;
    for (const fallback of fallbacks.items) keepIn(isMap(fallback) ? fallback.get('set', true) : undefined);
  }
}

function keepIn(owner: unknown): void {
  if (!isMap(owner)) return;
  const env = owner.get('env', true) as Node | undefined;
  if (!isMap(env)) return;
  for (const pair of env.items) {
    const value = pair.value;
    if (isScalar(value) && (typeof value.value === 'number' || typeof value.value === 'boolean') && value.source !== undefined) {
      value.value = value.source;
    }
  }
}

/**
 * The same for data read by the fast loader (a tree: it has no aliases or merge keys): numbers and
 * booleans under every `env` mapping become their source text, a WrittenScalar's or, where the
 * value is written as JavaScript writes it, the value's own.
 */
export function keepEnvTextInData(data: unknown): void {
  if (!isPlainMap(data)) return;
  keepInData(data.defaults);
  if (!isPlainMap(data.services)) return;
  for (const service of Object.values(data.services)) {
    keepInData(service);
    const fallbacks = isPlainMap(service) ? service.fallbacks : undefined;
    if (!Array.isArray(fallbacks)) continue;
    for (const fallback of fallbacks) keepInData(isPlainMap(fallback) ? fallback.set : undefined);
  }
}

function keepInData(owner: unknown): void {
  if (!isPlainMap(owner) || !isPlainMap(owner.env)) return;
  const env = owner.env;
  for (const [key, value] of Object.entries(env)) {
    // an own `__proto__` key is not assigned to (the fast loader leaves such a spec to the exact one)
    if (key === '__proto__') continue;
    if (value instanceof WrittenScalar) env[key] = value.source;
    else if (typeof value === 'number' || typeof value === 'boolean') env[key] = String(value);
  }
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof WrittenScalar);
}
