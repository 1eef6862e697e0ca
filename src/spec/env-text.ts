import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

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
