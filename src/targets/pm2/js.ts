import { isAbsolute } from 'node:path';

/** A path relative to the spec's folder, resolved when PM2 loads the file: `fromSpec("./data", ":/data")`. */
export class FromSpec {
  constructor(
    readonly relative: string,
    readonly suffix: string,
  ) {}
}

/** A secret's value, read from the environment when PM2 loads the file: `secret("FROM", "app", "KEY")`. */
export class SecretFrom {
  constructor(
    readonly variable: string,
    readonly app: string,
    readonly key: string,
  ) {}
}

/** A required variable, read from the environment when PM2 loads the file: `required("app", "KEY")`. */
export class RequiredFrom {
  constructor(
    readonly app: string,
    readonly key: string,
  ) {}
}

/**
 * A variable passed on only when set: in an object it is written `...optional("KEY")`, which adds
 * KEY with its value when the environment has it when PM2 loads the file, and nothing otherwise.
 */
export class OptionalFrom {
  constructor(readonly key: string) {}
}

export type JsValue = string | number | boolean | null | FromSpec | SecretFrom | RequiredFrom | OptionalFrom | JsValue[] | { [key: string]: JsValue };
export type JsObject = { [key: string]: JsValue };

/** A path from the spec: absolute ones stay text, relative ones resolve against the spec's folder at load time. */
export function specPath(path: string, suffix = ''): string | FromSpec {
  return isAbsolute(path) ? path + suffix : new FromSpec(path, suffix);
}

/**
 * JavaScript for a value, laid out like `JSON.stringify(value, null, 2)`. Every string is written as a
 * JSON literal, so no value is ever spliced into code; FromSpec, SecretFrom, RequiredFrom and OptionalFrom (a
 * spread, in an object only) are the only calls the output contains. The text is gathered in one list of pieces and joined once.
 */
export function toJs(value: JsValue, indent = ''): string {
  const out: string[] = [];
  writeJs(value, indent, out);
  return out.join('');
}

/**
 * A list laid out as toJs lays one out, from items each already written with `toJs(item, indent + '  ')`:
 * a large list is written an item at a time, so that the items need not all be alive at once.
 */
export function jsList(items: readonly string[], indent = ''): string {
  if (items.length === 0) return '[]';
  return `[\n${indent}  ${items.join(`,\n${indent}  `)}\n${indent}]`;
}

function writeJs(value: JsValue, indent: string, out: string[]): void {
  const inner = `${indent}  `;
  if (value instanceof FromSpec) out.push(fromSpecCall(value));
  else if (value instanceof SecretFrom) out.push(call('secret', [value.variable, value.app, value.key]));
  else if (value instanceof RequiredFrom) out.push(call('required', [value.app, value.key]));
  else if (value instanceof OptionalFrom) throw new Error(`optional(${JSON.stringify(value.key)}) stands only in an object`);
  else if (Array.isArray(value)) writeBlock('[', ']', value, (item) => writeJs(item, inner, out), indent, out);
  else if (value !== null && typeof value === 'object') {
    writeBlock('{', '}', Object.entries(value), ([key, item]) => {
      if (item instanceof OptionalFrom) {
        out.push(`...${call('optional', [item.key])}`);
        return;
      }
      out.push(JSON.stringify(key), ': ');
      writeJs(item, inner, out);
    }, indent, out);
  } else out.push(`${JSON.stringify(value)}`);
}

function writeBlock<T>(open: string, close: string, items: readonly T[], writeItem: (item: T) => void, indent: string, out: string[]): void {
  if (items.length === 0) {
    out.push(open, close);
    return;
  }
  out.push(open, '\n');
  items.forEach((item, i) => {
    out.push(i === 0 ? `${indent}  ` : `,\n${indent}  `);
    writeItem(item);
  });
  out.push('\n', indent, close);
}

function fromSpecCall(path: FromSpec): string {
  return call('fromSpec', [path.relative, ...(path.suffix === '' ? [] : [path.suffix])]);
}

function call(name: string, args: readonly string[]): string {
  return `${name}(${args.map((text) => JSON.stringify(text)).join(', ')})`;
}
