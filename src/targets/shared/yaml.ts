/**
 * A small YAML writer for Compose files and Kubernetes manifests, read by PyYAML (YAML 1.1,
 * Compose v1), go-yaml (YAML 1.2: Compose v2, kubectl) alike: every string is double-quoted with
 * escapes all readers agree on, so a value never turns into a number, a boolean or a folded line.
 */

/** A value written with a YAML tag, e.g. Compose v2's `!override` and `!reset`. */
export class Tagged {
  constructor(
    readonly tag: string,
    readonly value: unknown,
  ) {}
}

export type YamlMap = Record<string, unknown>;
export type YamlValue = unknown;

/** Keys such as `app.kubernetes.io/name` and `nvidia.com/gpu` stay plain. */
const plainKey = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
/** Words YAML 1.1 or 1.2 reads as booleans or null. */
const reservedWord = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

export function yamlKey(key: string): string {
  return plainKey.test(key) && !reservedWord.test(key) ? key : yamlString(key);
}

const namedEscapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\0': '\\0' };

/** Any character that yamlString writes other than as itself (a surrogate, even of a valid pair, takes the slow path). */
const escaped = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;

/** A double-quoted scalar; control characters, line separators and non-characters are escaped. */
export function yamlString(text: string): string {
  // Most values need no escape: one regex test instead of a copy built a character at a time.
  if (!escaped.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    const named = namedEscapes[ch];
    if (named) out += named;
    else if (isSurrogatePair(text, i)) out += text.slice(i, ++i + 1);
    else if (needsEscape(code)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function isSurrogatePair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

function needsEscape(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0xd800 && code <= 0xdfff) ||
    code === 0xfeff ||
    code >= 0xfffe
  );
}

export function yamlNumber(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  const text = String(value);
  // YAML 1.1 reads an exponent without a dot as a string.
  return /e/.test(text) && !text.includes('.') ? text.replace('e', '.0e') : text;
}

export function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Tagged);
}

function isBlock(value: unknown): boolean {
  if (value instanceof Tagged) return isBlock(value.value);
  return (Array.isArray(value) && value.length > 0) || (isMap(value) && Object.keys(value).length > 0);
}

/** A scalar, an empty collection, or a tagged one of those, on one line. */
function inline(value: unknown): string {
  if (value instanceof Tagged) return `${value.tag} ${inline(value.value)}`;
  if (Array.isArray(value)) return '[]';
  if (isMap(value)) return '{}';
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number') return yamlNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return 'null';
}

/**
 * A non-empty map or list as block YAML, each line starting with `indent`. The text is gathered in
 * one list of pieces and joined once: joining at every level would copy deep values again per level.
 */
export function yamlBlock(value: unknown, indent = ''): string {
  const out: string[] = [];
  writeBlock(value, indent, indent, out);
  return out.join('');
}

/** `lead` starts the first line instead of `indent`: a list item's first line follows its dash. */
function writeBlock(value: unknown, indent: string, lead: string, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => writeSequenceItem(item, indent, i === 0 ? lead : indent, out));
  } else if (isMap(value)) {
    Object.keys(value).forEach((key, i) => {
      out.push(i === 0 ? lead : indent, yamlKey(key), ':');
      writeAfterIndicator(value[key], indent, out);
    });
  } else {
    out.push(lead, inline(value), '\n');
  }
}

/** The text after `key:` or `-`: a space and an inline value, or a tag and a newline before a block. */
function writeAfterIndicator(value: unknown, indent: string, out: string[]): void {
  if (!isBlock(value)) {
    out.push(' ', inline(value), '\n');
    return;
  }
  if (value instanceof Tagged) out.push(' ', value.tag);
  out.push('\n');
  const nested = `${indent}  `;
  writeBlock(value instanceof Tagged ? value.value : value, nested, nested, out);
}

/** `- a`, or a map or list item that starts on the dash's line: `- key: value`. */
function writeSequenceItem(item: unknown, indent: string, lead: string, out: string[]): void {
  if (!isBlock(item) || item instanceof Tagged) {
    out.push(lead, '-');
    writeAfterIndicator(item, indent, out);
    return;
  }
  out.push(lead, '- ');
  writeBlock(item, `${indent}  `, '', out);
}
