import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
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
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
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

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
