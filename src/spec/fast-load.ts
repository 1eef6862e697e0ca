import { load, type State } from 'js-yaml';
import { coreSchema, WrittenScalar } from './core-schema.js';
import { keepEnvTextInData } from './env-text.js';

/** `|2`, `>-1`, `|+3` anywhere (also inside a quoted scalar, where deferring costs only time). */
const indentationIndicator = /[|>](?:[1-9][+-]?|[+-][1-9])/;
/** A line that ends in what may be a block scalar's header: `|`, `>-`, `|+ # note`. */
const blockScalarHeader = /[|>][0-9+-]*[ \t]*(?:#[^\n]*)?\r?$/m;
/** A line of spaces or tabs only. */
const whitespaceLine = /^[ \t]+\r?$/m;

/**
 * Where js-yaml and the `yaml` package read a block scalar differently: with an indentation
 * indicator (YAML counts it from the parent node, js-yaml not always), and with a line of spaces or
 * tabs only (a tab there is an error to the `yaml` package; a last such line with no line break, or
 * one indented past the content, counts as a line for js-yaml only).
 */
function doubtfulBlockScalar(text: string): boolean {
  return indentationIndicator.test(text) || (whitespaceLine.test(text) && blockScalarHeader.test(text));
}

/** The parts of js-yaml's parser state that tell whether the document needs the exact loader. */
interface ParserState extends State {
  tag: string | null;
  anchorMap: Record<string, unknown>;
}

/**
 * What js-yaml saw while it parsed: its last state, collections it built, whether a `!` tag
 * occurred, where the nodes being read began, and whether a quoted scalar or a flow collection
 * spanned lines.
 */
interface Seen {
  state?: ParserState;
  collections: number;
  nonSpecificTag: boolean;
  openedAt: number[];
  multilineFlow: boolean;
}

/**
 * The spec's data as js-yaml reads it with the core schema, or undefined wherever that might differ
 * from what the exact loader (the `yaml` package) makes of it, or the exact loader would say
 * anything: a parse error, a directive, a tag, a carriage return without a line feed, a block
 * scalar's indentation indicator, an anchor or alias, a merge key, a null or collection key, a long key. Then the exact loader runs, and its data and diagnostics are the spec's.
 */
export function fastLoad(text: string): { value: unknown } | undefined {
  // js-yaml breaks lines at a carriage return alone; the `yaml` package does not.
  if (/^%/m.test(text) || text.includes('!<') || /\r(?!\n)/.test(text) || doubtfulBlockScalar(text)) return undefined;
  const seen: Seen = { collections: 0, nonSpecificTag: false, openedAt: [], multilineFlow: false };
  let value: unknown;
  try {
    value = load(text, { schema: coreSchema, listener: (event, state) => note(event, state as ParserState, seen) });
  } catch {
    return undefined;
  }
  if (value === undefined || !seen.state || seen.nonSpecificTag || seen.multilineFlow || Object.keys(seen.state.anchorMap).length > 0) return undefined;
  keepEnvTextInData(value);
  const plain = toPlainData(value);
  // Without anchors the data is a tree; a collection built but not in it was a mapping's key.
  if (!plain || plain.collections !== seen.collections) return undefined;
  return { value: plain.value };
}

function note(event: string, state: ParserState, seen: Seen): void {
  if (event === 'open') {
    seen.openedAt.push(state.position);
    return;
  }
  if (event !== 'close') return;
  seen.state = state;
  const openedAt = seen.openedAt.pop();
  if (openedAt !== undefined && spansLines(state.input, openedAt, state.position)) seen.multilineFlow = true;
  if (state.tag === '!') seen.nonSpecificTag = true;
  if (state.kind === 'mapping' || state.kind === 'sequence') seen.collections++;
}

/** Spaces, line breaks and comments before a node. */
const separation = /(?:[ \t\r\n]|#[^\n]*)*/y;

/**
 * Whether the node read from `from` to `to` is a quoted scalar or a flow collection over several
 * lines: js-yaml reads its continuation lines at any indentation, the `yaml` package (as YAML
 * requires) only when they are indented more than the block around it.
 */
function spansLines(input: string, from: number, to: number): boolean {
  separation.lastIndex = from;
  separation.test(input);
  const start = separation.lastIndex;
  const first = input[start];
  if (first !== '"' && first !== "'" && first !== '{' && first !== '[') return false;
  const newline = input.indexOf('\n', start);
  return newline !== -1 && newline < to;
}

/** Keys the two parsers turn into different strings (null), only one of them merges (`<<`), or that cannot be assigned to. */
const doubtfulKeys = new Set(['null', '<<', '__proto__']);
/**
 * The `yaml` package refuses an implicit key over 1024 characters of source, js-yaml does not; an
 * escape (`\uXXXX`) spells one character in at most six, so a shorter key is always accepted.
 */
const longestSureKey = 170;

/**
 * The data with every WrittenScalar replaced by its value, and how many mappings and lists it holds;
 * undefined when a key is doubtful. Walked without recursion.
 */
function toPlainData(root: unknown): { value: unknown; collections: number } | undefined {
  const value = root instanceof WrittenScalar ? root.value : root;
  let collections = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    collections++;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = plainChild(node[i], pending);
      continue;
    }
    const map = node as Record<string, unknown>;
    for (const key of Object.keys(map)) {
      if (doubtfulKeys.has(key) || key.length > longestSureKey) return undefined;
      map[key] = plainChild(map[key], pending);
    }
  }
  return { value, collections };
}

function plainChild(child: unknown, pending: unknown[]): unknown {
  if (child instanceof WrittenScalar) return child.value;
  if (typeof child === 'object' && child !== null) pending.push(child);
  return child;
}
