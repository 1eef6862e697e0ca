import { LineCounter, parseDocument, type Document } from 'yaml';

export interface YamlDocument {
  doc: Document.Parsed;
  lines: LineCounter;
}

/** The spec's text as a `yaml` document, with the options every reader of the spec uses. */
export function parseYamlDocument(text: string): YamlDocument {
  const lines = new LineCounter();
  // Duplicate keys are found by the loader in linear time: the parser's own check is quadratic in a mapping's size.
  // logLevel 'error': a collection used as a key is reported by the validator, not by a Node warning on stderr.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true, logLevel: 'error' });
  return { doc, lines };
}

/** A message of the `yaml` package as a diagnostic says it: its first line, without the position it repeats. */
export function yamlMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/\s+at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}
