import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { diagnostic, formatPath, type Diagnostic } from '../diagnostics/diagnostic.js';
import { expandedSize } from './expansion.js';
import { keepEnvText } from './env-text.js';
import { locate } from './positions.js';

/** Bounds that keep a hostile file from exhausting memory. */
export const limits = {
  maxBytes: 4 * 1024 * 1024,
  /** Values once aliases are expanded: more than 4 MiB of text can spell out without any alias. */
  maxExpandedValues: 2_500_000,
  /** Mappings and lists inside one another, aliases expanded. */
  maxDepth: 100,
  /** Entries of one mapping or list (services included). */
  maxEntries: 10_000,
};

export interface ParsedSpec {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  data: unknown;
}

export interface ParseResult {
  spec?: ParsedSpec;
  diagnostics: Diagnostic[];
}

/** Parses YAML text, turning syntax errors into positioned diagnostics. */
export function parseSpecText(file: string, text: string): ParseResult {
  if (Buffer.byteLength(text) > limits.maxBytes) {
    const size = `${limits.maxBytes / 1024 / 1024} MiB`;
    return { diagnostics: [diagnostic('E003', `spec is larger than ${size}`, { position: { line: 1, col: 1 } })] };
  }
  const lines = new LineCounter();
  // Duplicate keys are found below in linear time: the parser's own check is quadratic in a mapping's size.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true });
  const tooDeep = doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  const diagnostics: Diagnostic[] = doc.errors
    .filter((error) => error.code !== 'RESOURCE_EXHAUSTION')
    .map((error) => diagnostic('E001', syntaxMessage(error.message), { position: lines.linePos(error.pos[0]) }));
  if (tooDeep) diagnostics.unshift(diagnostic('E003', tooDeepMessage(), { position: lines.linePos(tooDeep.pos[0]) }));
  for (const offset of duplicateKeys(doc)) {
    diagnostics.push(diagnostic('E001', 'Map keys must be unique', { position: lines.linePos(offset) }));
  }
  for (const warning of doc.warnings) {
    diagnostics.push(diagnostic('W104', syntaxMessage(warning.message), { position: lines.linePos(warning.pos[0]) }));
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  keepEnvText(doc);
  const data = toData(doc, lines);
  if ('error' in data) return { diagnostics: [...diagnostics, data.error] };
  const tooLarge = boundsError(data.value);
  if (tooLarge) return { diagnostics: [...diagnostics, { ...tooLarge, position: locate(doc, lines, tooLarge) }] };
  return { spec: { file, text, doc, lines, data: data.value }, diagnostics };
}

function tooDeepMessage(): string {
  return `spec is nested more than ${limits.maxDepth} levels deep`;
}

/** Offsets of the keys that repeat an earlier scalar key of the same mapping (as the parser's uniqueKeys would report). */
function duplicateKeys(doc: Document.Parsed): number[] {
  const offsets: number[] = [];
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) offsets.push(key.range?.[0] ?? 0);
          else seen.add(key.value);
        }
        if (isCollection(key)) pending.push(key);
        if (isCollection(pair.value)) pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (isCollection(item)) pending.push(item);
    }
  }
  return offsets.sort((a, b) => a - b);
}

/** Depth (aliases expanded) and entries per mapping or list, checked without recursion before anything else walks the data. */
function boundsError(data: unknown): Diagnostic | undefined {
  // The shallowest depth at which each object was walked; shared (aliased) objects are walked again only deeper.
  const walkedAt = new Map<object, number>();
  interface Step {
    value: unknown;
    depth: number;
    key?: string | number;
    parent?: Step;
  }
  const pending: Step[] = [{ value: data, depth: 0 }];
  while (pending.length > 0) {
    const step = pending.pop()!;
    const { value, depth } = step;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.maxDepth) return diagnostic('E003', tooDeepMessage(), { path: pathOf(step) });
    if ((walkedAt.get(value) ?? -1) >= depth) continue;
    walkedAt.set(value, depth);
    const entries = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (entries > limits.maxEntries) {
      return diagnostic('E003', `\`${formatPath(pathOf(step)) || 'the spec'}\` has more than ${limits.maxEntries} entries`, { path: pathOf(step) });
    }
    // only objects are walked on: a step for every scalar would cost more than the walk itself
    const children: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((child, index) => [index, child]) : Object.entries(value);
    for (const [key, child] of children) if (isObject(child)) pending.push({ value: child, depth: depth + 1, key, parent: step });
  }
  return undefined;

  function pathOf(step: Step): Array<string | number> {
    const path: Array<string | number> = [];
    for (let at: Step | undefined = step; at?.key !== undefined; at = at.parent) path.unshift(at.key);
    return path;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function toData(doc: Document.Parsed, lines: LineCounter): { value: unknown } | { error: Diagnostic } {
  const position = lines.linePos(doc.contents?.range[0] ?? 0);
  if (expandsPastBound(doc)) {
    return { error: diagnostic('E003', expansionMessage(), { position }) };
  }
  try {
    // The expanded size is bounded above, so the parser's own count of alias uses, which refuses files
    // that merge one anchor into a hundred services, is not needed.
    return { value: doc.toJS({ maxAliasCount: -1 }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: diagnostic('E003', `cannot expand the document: ${syntaxMessage(message)}`, { position }) };
  }
}

/** Whether the document's aliases expand it past the bound (or into itself): then it is not expanded at all. */
export function expandsPastBound(doc: Document.Parsed): boolean {
  return expandedSize(doc, limits.maxExpandedValues) > limits.maxExpandedValues;
}

export function expansionMessage(): string {
  return `cannot expand the document: its aliases expand it to more than ${limits.maxExpandedValues} values, or an alias is inside its own anchor`;
}

function syntaxMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/\s+at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}
