import { isCollection, isMap, isScalar, isSeq, type Document } from 'yaml';
import { boundsError, limits, tooDeepMessage } from './bounds.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { keepEnvText } from './env-text.js';
import { expandDocument } from './expand.js';
import { fastLoad } from './fast-load.js';
import { LazyPositions } from './lazy-positions.js';
import { parseYamlDocument, yamlMessage, type YamlDocument } from './yaml-document.js';

export { limits };

export interface ParsedSpec {
  file: string;
  text: string;
  data: unknown;
  /** Where the spec's paths are: found with the `yaml` package when a diagnostic is first located. */
  positions: LazyPositions;
}

export interface ParseResult {
  spec?: ParsedSpec;
  diagnostics: Diagnostic[];
}

/**
 * Parses YAML text, turning syntax errors into positioned diagnostics. A spec the fast loader reads
 * (with nothing to say about it) is not parsed by the `yaml` package unless a diagnostic is to be
 * located; any other spec is loaded, and its diagnostics made, by the `yaml` package (alone when
 * `fast` is false).
 */
export function parseSpecText(file: string, text: string, fast = true): ParseResult {
  if (Buffer.byteLength(text) > limits.maxBytes) {
    const size = `${limits.maxBytes / 1024 / 1024} MiB`;
    return { diagnostics: [diagnostic('E003', `spec is larger than ${size}`, { position: { line: 1, col: 1 } })] };
  }
  const loaded = fast ? fastLoad(text) : undefined;
  if (loaded && !boundsError(loaded.value)) return { spec: { file, text, data: loaded.value, positions: new LazyPositions(text) }, diagnostics: [] };
  return parseExactly(file, text);
}

/** The spec as the `yaml` package reads it, with every diagnostic of the parse. */
function parseExactly(file: string, text: string): ParseResult {
  const parsed = parseYamlDocument(text);
  const { doc, lines } = parsed;
  const tooDeep = doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  const diagnostics: Diagnostic[] = doc.errors
    .filter((error) => error.code !== 'RESOURCE_EXHAUSTION')
    .map((error) => diagnostic('E001', yamlMessage(error.message), { position: lines.linePos(error.pos[0]) }));
  if (tooDeep) diagnostics.unshift(diagnostic('E003', tooDeepMessage(), { position: lines.linePos(tooDeep.pos[0]) }));
  for (const offset of duplicateKeys(doc)) {
    diagnostics.push(diagnostic('E001', 'Map keys must be unique', { position: lines.linePos(offset) }));
  }
  for (const warning of doc.warnings) {
    diagnostics.push(diagnostic('W104', yamlMessage(warning.message), { position: lines.linePos(warning.pos[0]) }));
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  keepEnvText(doc);
  const data = toData(parsed);
  if ('error' in data) return { diagnostics: [...diagnostics, data.error] };
  const positions = new LazyPositions(text, parsed);
  const tooLarge = boundsError(data.value);
  if (tooLarge) return { diagnostics: [...diagnostics, { ...tooLarge, position: positions.locate(tooLarge) }] };
  return { spec: { file, text, data: data.value, positions }, diagnostics };
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

function toData({ doc, lines }: YamlDocument): { value: unknown } | { error: Diagnostic } {
  const expanded = expandDocument(doc);
  if ('value' in expanded) return expanded;
  return { error: diagnostic('E003', expanded.message, { position: lines.linePos(expanded.offset) }) };
}
