import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Path } from './document.js';

/** The line and column of the key at `path` (or of its value), or of the deepest part of it that exists. */
export function locatePath(doc: Document.Parsed, lines: LineCounter, path: Path, atValue = false): { line: number; col: number } {
  let node: unknown = doc.contents;
  let offset = start(node) ?? 0;
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = start(pair.key) ?? offset;
      node = pair.value;
      if (i === path.length - 1 && atValue) offset = start(node) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = start(node) ?? offset;
    } else break;
  }
  return lines.linePos(offset);
}

function start(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
