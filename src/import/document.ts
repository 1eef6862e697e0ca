import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isPair, isScalar, isSeq, parse, Scalar, type Node, type Pair } from 'yaml';

export type Path = ReadonlyArray<string | number>;

/** A comment for the reader, placed above the key at `path` ([] = the top of the file). */
export interface Note {
  path: Path;
  text: string;
}

/** The orchgen.yaml to write: its data in output order, and the comments that go with it. */
export interface Draft {
  /** Comment lines at the very top, without `#`. */
  header: string[];
  data: Record<string, unknown>;
  notes: Note[];
}

/** Maps that stay in block style whatever their size: they hold what a reader scans line by line. */
const blockKeys = new Set(['services', 'env', 'health', 'native', 'compose']);
const maxFlowLength = 72;

/** The draft as YAML text, checked to read back as exactly the draft's data. */
export function renderDraft(draft: Draft): string {
  const doc = new Document(draft.data);
  const noted = draft.notes.map((n) => keyPath(n.path));
  style(doc.contents as Node, [], noted);
  const top = draft.notes.filter((n) => n.path.length === 0).map((n) => n.text);
  doc.commentBefore = commentText([...draft.header, ...(top.length > 0 ? ['', ...top] : [])]);
  for (const [path, texts] of grouped(draft.notes.filter((n) => n.path.length > 0))) attach(doc, path, texts);
  const expected: unknown = JSON.parse(JSON.stringify(draft.data));
  const readsBack = (text: string) => isDeepStrictEqual(parse(text), expected);
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  if (readsBack(text)) return text;
  // The yaml package writes a string whose first line holds only blanks (" \n") as a literal block
  // that reads back without them; quoted, every string reads back exactly.
  const quoted = doc.toString({ lineWidth: 0, flowCollectionPadding: false, blockQuote: false });
  if (readsBack(quoted)) return quoted;
  throw new Error('the generated YAML does not read back as written');
}

/** Comments sit on map keys: a note on a list item goes above the list. */
function keyPath(path: Path): Path {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  return path.slice(0, end);
}

function grouped(notes: readonly Note[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const note of notes) {
    const key = JSON.stringify(keyPath(note.path));
    const texts = out.get(key) ?? [];
    if (!texts.includes(note.text)) texts.push(note.text);
    out.set(key, texts);
  }
  return out;
}

/** Above the key at `path`, or above the nearest key on the way to it that exists (a setting left out). */
function attach(doc: Document, pathKey: string, texts: string[]): void {
  const path = JSON.parse(pathKey) as Array<string | number>;
  for (let end = path.length; end > 0; end--) {
    const parent = doc.getIn(path.slice(0, end - 1), true);
    const pair = isMap(parent) ? (parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[end - 1]) as Pair<Scalar> | undefined) : undefined;
    if (!pair) continue;
    pair.key.commentBefore = [pair.key.commentBefore, commentText(texts)].filter(Boolean).join('\n');
    return;
  }
  doc.comment = [doc.comment, commentText(texts)].filter(Boolean).join('\n');
}

/** `#` is added by the writer; a space keeps the text readable. Each note may span lines. */
function commentText(lines: readonly string[]): string {
  return lines
    .flatMap((l) => l.split('\n'))
    .map((l) => (l === '' ? '' : ` ${l}`))
    .join('\n');
}

/** Small collections of scalars in flow style; strings YAML 1.1 would read as something else in quotes. */
function style(node: Node, path: Path, noted: readonly Path[]): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string' && yaml11Ambiguous(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    return;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key)) style(pair.value as Node, [...path, pair.key.value as string], noted);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => style(item as Node, [...path, i], noted));
  } else return;
  node.flow = flowFits(node, path, noted);
}

function flowFits(node: Node, path: Path, noted: readonly Path[]): boolean {
  const last = path[path.length - 1];
  if (path.length === 0 || (typeof last === 'string' && blockKeys.has(last)) || (path.length === 2 && path[0] === 'services')) return false;
  if (noted.some((n) => n.length > path.length && path.every((segment, i) => n[i] === segment))) return false;
  const items = isMap(node) ? node.items.flatMap((p) => [p.key, p.value]) : isSeq(node) ? node.items : [];
  if (!items.every((item) => isScalar(item) && !(typeof item.value === 'string' && /[\n\r]/.test(item.value)))) return false;
  return JSON.stringify(node.toJSON()).length <= maxFlowLength;
}

const yaml11Words = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
const yaml11Numbers = /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)$/;

/** A plain scalar a YAML 1.1 reader (PyYAML, editors) would not read as this string. */
function yaml11Ambiguous(text: string): boolean {
  return yaml11Words.test(text) || yaml11Numbers.test(text);
}
