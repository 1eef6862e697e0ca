import { LineCounter, parseDocument, type Document } from 'yaml';
import { diagnostic, type Diagnostic } from './diagnostic.js';
import { keepEnvText } from './env-text.js';

/** Bounds that keep a hostile file from exhausting memory. */
export const limits = {
  maxBytes: 4 * 1024 * 1024,
  maxAliasCount: 100,
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
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  const diagnostics: Diagnostic[] = doc.errors.map((error) =>
    diagnostic('E001', syntaxMessage(error.message), { position: lines.linePos(error.pos[0]) }),
  );
  for (const warning of doc.warnings) {
    diagnostics.push(diagnostic('W104', syntaxMessage(warning.message), { position: lines.linePos(warning.pos[0]) }));
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  keepEnvText(doc);
  const data = toData(doc, lines);
  if ('error' in data) return { diagnostics: [...diagnostics, data.error] };
  return { spec: { file, text, doc, lines, data: data.value }, diagnostics };
}

function toData(doc: Document.Parsed, lines: LineCounter): { value: unknown } | { error: Diagnostic } {
  try {
    return { value: doc.toJS({ maxAliasCount: limits.maxAliasCount }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = doc.contents?.range[0] ?? 0;
    return { error: diagnostic('E003', `cannot expand the document: ${syntaxMessage(message)}`, { position: lines.linePos(offset) }) };
  }
}

function syntaxMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/\s+at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}
