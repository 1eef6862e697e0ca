import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

/**
 * How many values the document holds once every alias is expanded, or Infinity past `limit` or for an
 * alias inside its own anchor. Each anchored node is counted once and reused, so a file that repeats
 * one anchor a thousand times (`<<: *defaults` in every service) costs nothing, while a nested alias
 * bomb is caught before anything expands it.
 */
export function expandedSize(doc: Document.Parsed, limit: number): number {
  const counted = new Map<Node, number>();
  const open = new Set<Node>();

  function sizeOf(node: unknown): number {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target === undefined) return 1;
      return open.has(target) ? Infinity : sizeOf(target);
    }
    if (isScalar(node) || !(isMap(node) || isSeq(node))) return node === null || node === undefined ? 0 : 1;
    const known = counted.get(node);
    if (known !== undefined) return known;
    open.add(node);
    let total = 1;
    for (const item of node.items as unknown[]) {
      total += isMap(node) ? sizeOfPair(item as { key: unknown; value: unknown }) : sizeOf(item);
      if (total > limit) break;
    }
    open.delete(node);
    const size = total > limit ? Infinity : total;
    counted.set(node, size);
    return size;
  }

  function sizeOfPair(pair: { key: unknown; value: unknown }): number {
    return sizeOf(pair.key) + sizeOf(pair.value);
  }

  return sizeOf(doc.contents);
}
