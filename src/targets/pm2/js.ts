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

export type JsValue = string | number | boolean | null | FromSpec | SecretFrom | JsValue[] | { [key: string]: JsValue };
export type JsObject = { [key: string]: JsValue };

/** A path from the spec: absolute ones stay text, relative ones resolve against the spec's folder at load time. */
export function specPath(path: string, suffix = ''): string | FromSpec {
  return isAbsolute(path) ? path + suffix : new FromSpec(path, suffix);
}

/**
 * JavaScript for a value, laid out like `JSON.stringify(value, null, 2)`. Every string is written as a
 * JSON literal, so no value is ever spliced into code; FromSpec and SecretFrom are the only calls the
 * output contains.
 */
export function toJs(value: JsValue, indent = ''): string {
  if (value instanceof FromSpec) return fromSpecCall(value);
  if (value instanceof SecretFrom) return `secret(${[value.variable, value.app, value.key].map((text) => JSON.stringify(text)).join(', ')})`;
  if (Array.isArray(value)) return block('[', ']', value.map((item) => toJs(item, `${indent}  `)), indent);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${toJs(item, `${indent}  `)}`);
    return block('{', '}', entries, indent);
  }
  return JSON.stringify(value);
}

function block(open: string, close: string, items: string[], indent: string): string {
  if (items.length === 0) return `${open}${close}`;
  return `${open}\n${items.map((item) => `${indent}  ${item}`).join(',\n')}\n${indent}${close}`;
}

function fromSpecCall(path: FromSpec): string {
  const args = [JSON.stringify(path.relative), ...(path.suffix === '' ? [] : [JSON.stringify(path.suffix)])];
  return `fromSpec(${args.join(', ')})`;
}
