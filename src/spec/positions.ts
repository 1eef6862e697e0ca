import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic, Position, SpecPath } from '../diagnostics/diagnostic.js';

/** Where a node starts (undefined: a missing value or a node without a range), and for a mapping or list, where its entries are. */
type NodeAt = MapIndex | SeqIndex | number | undefined;

/**
 * Every offset a diagnostic's path can resolve to, taken from the YAML document once: the
 * document (many times larger) can then be dropped while diagnostics are still to come.
 */
export class SpecPositions {
  private readonly root: NodeAt;

  constructor(
    doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {
    this.root = indexOf(doc.contents);
  }

  /** A diagnostic's line and column: its own position, else that of its path. */
  locate(diagnostic: Diagnostic): Position {
    if (diagnostic.position) return diagnostic.position;
    return this.lines.linePos(this.offsetOf(diagnostic.path, diagnostic.atKey ?? false));
  }

  /** Follows the path as far as the document goes; the offset of the deepest node reached. */
  private offsetOf(path: SpecPath, atKey: boolean): number {
    let node = this.root;
    let offset = startOf(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      if (node instanceof MapIndex) {
        const pair = node.keys.get(String(segment));
        if (!pair) return offset;
        const keyOffset = pair[0] ?? offset;
        if (atKey && i === path.length - 1) return keyOffset;
        node = pair[1];
        offset = startOf(node) ?? keyOffset;
      } else if (node instanceof SeqIndex && typeof segment === 'number') {
        node = node.items[segment];
        // a missing item and a null one both leave the offset where it is
        offset = startOf(node) ?? offset;
      } else {
        return offset;
      }
    }
    return offset;
  }
}

/** Resolves one diagnostic's path to a line and column in the YAML source. */
export function locate(doc: Document.Parsed, lines: LineCounter, diagnostic: Diagnostic): Position {
  if (diagnostic.position) return diagnostic.position;
  return new SpecPositions(doc, lines).locate(diagnostic);
}

class MapIndex {
  /** The first pair of each scalar key: where its key starts, and its value. */
  readonly keys = new Map<string, [keyStart: number | undefined, value: NodeAt]>();
  constructor(readonly start: number | undefined) {}
}

class SeqIndex {
  readonly items: NodeAt[] = [];
  constructor(readonly start: number | undefined) {}
}

function startOf(node: NodeAt): number | undefined {
  return typeof node === 'object' ? node.start : node;
}

/** The index of a node and all below it, built without recursion (a document may nest deeply). */
function indexOf(contents: unknown): NodeAt {
  const pending: Array<{ node: YAMLMap | YAMLSeq; into: MapIndex | SeqIndex }> = [];
  const visit = (node: unknown): NodeAt => {
    if (isMap(node)) {
      const into = new MapIndex(rangeStart(node));
      pending.push({ node, into });
      return into;
    }
    if (isSeq(node)) {
      const into = new SeqIndex(rangeStart(node));
      pending.push({ node, into });
      return into;
    }
    return rangeStart(node);
  };
  const root = visit(contents);
  while (pending.length > 0) {
    const { node, into } = pending.pop()!;
    if (into instanceof SeqIndex) {
      for (const item of (node as YAMLSeq).items) into.items.push(visit(item));
      continue;
    }
    for (const item of (node as YAMLMap).items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      if (!into.keys.has(key)) into.keys.set(key, [rangeStart(item.key), visit(item.value)]);
    }
  }
  return root;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
