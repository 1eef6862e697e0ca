import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { limits } from './bounds.js';
import { expandedSize } from './expansion.js';
import { yamlMessage } from './yaml-document.js';

/** The document as plain data, or why it cannot be expanded and the offset to point at. */
export type Expanded = { value: unknown } | { message: string; offset: number };

/** Expands a parsed document, aliases and merges included, refusing what is past the bound or cannot merge. */
export function expandDocument(doc: Document.Parsed): Expanded {
  const start = doc.contents?.range[0] ?? 0;
  if (expandedSize(doc, limits.maxExpandedValues) > limits.maxExpandedValues) return { message: expansionMessage(), offset: start };
  try {
    // The expanded size is bounded above, so the parser's own count of alias uses, which refuses files
    // that merge one anchor into a hundred services, is not needed.
    return { value: doc.toJS({ maxAliasCount: -1 }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { message: `cannot expand the document: ${yamlMessage(message)}`, offset: badMergeOffset(doc) ?? start };
  }
}

function expansionMessage(): string {
  return `cannot expand the document: its aliases expand it to more than ${limits.maxExpandedValues} values, or an alias is inside its own anchor`;
}

/** Where the first `<<` takes something other than a mapping (or a list of them): the parser names no place. */
function badMergeOffset(doc: Document.Parsed): number | undefined {
  const pending: unknown[] = [doc.contents];
  const seen = new Set<unknown>();
  while (pending.length > 0) {
    const node = pending.shift();
    if (seen.has(node)) continue;
    seen.add(node);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isMergeKey(pair.key) && !mergesMaps(doc, pair.value)) return (pair.value as Node | null)?.range?.[0] ?? (pair.key as Node).range?.[0];
        pending.push(pair.value);
      }
    } else if (isSeq(node)) pending.push(...node.items);
  }
  return undefined;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

function mergesMaps(doc: Document.Parsed, value: unknown): boolean {
  const source = resolved(doc, value);
  if (isSeq(source)) return source.items.every((item) => isMap(resolved(doc, item)));
  return isMap(source);
}

function resolved(doc: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}
