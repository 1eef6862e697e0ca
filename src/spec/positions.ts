import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic, Position, SpecPath } from './diagnostic.js';

/** Resolves a diagnostic's path to a line and column in the YAML source. */
export function locate(doc: Document.Parsed, lines: LineCounter, diagnostic: Diagnostic): Position {
  if (diagnostic.position) return diagnostic.position;
  return lines.linePos(offsetOf(doc, diagnostic.path, diagnostic.atKey ?? false));
}

function offsetOf(doc: Document.Parsed, path: SpecPath, atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = keyIndex(node).get(String(segment));
      if (!pair) return offset;
      const keyOffset = rangeStart(pair.key) ?? offset;
      if (last && atKey) return keyOffset;
      node = pair.value;
      offset = rangeStart(node) ?? keyOffset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return offset;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

/** The first pair of each scalar key, per mapping: one linear pass, so locating many diagnostics stays linear. */
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), item);
    }
    keyIndexes.set(map, index);
  }
  return index;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
