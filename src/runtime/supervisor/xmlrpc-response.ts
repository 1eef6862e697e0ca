import { SupervisordProtocolError } from './xmlrpc-errors.js';

/** A value in supervisord's answers. */
export type XmlRpcValue = string | number | boolean | XmlRpcValue[] | { [key: string]: XmlRpcValue };

export type XmlRpcResponse = { value: XmlRpcValue } | { fault: { code: number; message: string } };

/** Deeper than any answer supervisord gives (an array of structs of scalars). */
const MAX_DEPTH = 32;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Reads a `methodResponse` as supervisord writes it (Python's xmlrpc marshaller): one param or a
 * fault; values string (or untyped text), int/i4, boolean, double, array and struct. Anything
 * else, including the types supervisord never sends (nil, dateTime, base64), is an error.
 * Text is kept exactly as sent (a carriage return stays one), as supervisord wrote the string.
 */
export function parseResponse(xml: string): XmlRpcResponse {
  const reader = new Reader(xml);
  reader.skipDeclaration();
  reader.open('methodResponse');
  let response: XmlRpcResponse;
  if (reader.peekOpen('fault')) {
    reader.open('fault');
    response = { fault: faultOf(reader.value(0)) };
    reader.close('fault');
  } else {
    reader.open('params');
    reader.open('param');
    response = { value: reader.value(0) };
    reader.close('param');
    reader.close('params');
  }
  reader.close('methodResponse');
  reader.end();
  return response;
}

function faultOf(value: XmlRpcValue): { code: number; message: string } {
  const struct = value as Record<string, XmlRpcValue>;
  if (typeof value !== 'object' || Array.isArray(value) || typeof struct.faultCode !== 'number' || typeof struct.faultString !== 'string') {
    throw new SupervisordProtocolError('XML-RPC fault without faultCode and faultString');
  }
  return { code: struct.faultCode, message: struct.faultString };
}

class Reader {
  private at = 0;

  constructor(private readonly xml: string) {}

  skipDeclaration(): void {
    this.skipSpace();
    if (!this.xml.startsWith('<?xml', this.at)) return;
    const end = this.xml.indexOf('?>', this.at);
    if (end < 0) this.fail('unterminated XML declaration');
    this.at = end + 2;
  }

  peekOpen(tag: string): boolean {
    this.skipSpace();
    return this.xml.startsWith(`<${tag}>`, this.at);
  }

  open(tag: string): void {
    if (!this.peekOpen(tag)) this.fail(`expected <${tag}>`);
    this.at += tag.length + 2;
  }

  close(tag: string): void {
    this.skipSpace();
    this.closeHere(tag);
  }

  end(): void {
    this.skipSpace();
    if (this.at !== this.xml.length) this.fail('unexpected content after </methodResponse>');
  }

  value(depth: number): XmlRpcValue {
    if (depth > MAX_DEPTH) this.fail('values nested too deep');
    this.open('value');
    const text = this.text();
    if (this.xml.startsWith('</value>', this.at)) {
      this.at += '</value>'.length;
      return text;
    }
    if (text.trim() !== '') this.fail('text beside a typed value');
    const value = this.typed(depth);
    this.close('value');
    return value;
  }

  private typed(depth: number): XmlRpcValue {
    const tag = /^<([A-Za-z0-9.]+)>/.exec(this.xml.slice(this.at, this.at + 32))?.[1];
    if (tag === undefined) this.fail('expected a typed value');
    this.at += tag.length + 2;
    switch (tag) {
      case 'string':
        return this.scalar(tag, (text) => text);
      case 'int':
      case 'i4':
        return this.scalar(tag, (text) => (/^[+-]?\d{1,10}$/.test(text) ? Number(text) : this.fail(`bad int ${JSON.stringify(text)}`)));
      case 'boolean':
        return this.scalar(tag, (text) => (text === '1' ? true : text === '0' ? false : this.fail(`bad boolean ${JSON.stringify(text)}`)));
      case 'double':
        return this.scalar(tag, (text) => (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : this.fail(`bad double ${JSON.stringify(text)}`)));
      case 'array':
        return this.array(depth);
      case 'struct':
        return this.struct(depth);
      default:
        return this.fail(`unsupported XML-RPC type <${tag}>`);
    }
  }

  private scalar(tag: string, convert: (text: string) => XmlRpcValue): XmlRpcValue {
    const value = convert(this.text());
    this.closeHere(tag);
    return value;
  }

  private array(depth: number): XmlRpcValue[] {
    this.open('data');
    const items: XmlRpcValue[] = [];
    while (this.peekOpen('value')) items.push(this.value(depth + 1));
    this.close('data');
    this.close('array');
    return items;
  }

  private struct(depth: number): Record<string, XmlRpcValue> {
    const members: Record<string, XmlRpcValue> = {};
    while (this.peekOpen('member')) {
      this.open('member');
      this.open('name');
      const name = this.text();
      this.closeHere('name');
      Object.defineProperty(members, name, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
      this.close('member');
    }
    this.close('struct');
    return members;
  }

  private closeHere(tag: string): void {
    if (!this.xml.startsWith(`</${tag}>`, this.at)) this.fail(`expected </${tag}>`);
    this.at += tag.length + 3;
  }

  /** Character data up to the next tag, entities decoded. */
  private text(): string {
    const end = this.xml.indexOf('<', this.at);
    if (end < 0) this.fail('unterminated element');
    const raw = this.xml.slice(this.at, end);
    this.at = end;
    return raw.includes('&') ? raw.replace(/&([^;&]*);?/g, (match, name: string) => this.entity(match, name)) : raw;
  }

  private entity(match: string, name: string): string {
    if (!match.endsWith(';')) this.fail(`bare & in text`);
    const named = ENTITIES[name];
    if (named !== undefined) return named;
    const code = /^#x([0-9a-fA-F]{1,6})$/.exec(name)?.[1] ?? /^#(\d{1,7})$/.exec(name)?.[1];
    const point = code === undefined ? NaN : Number.parseInt(code, name.startsWith('#x') ? 16 : 10);
    if (!Number.isInteger(point) || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) this.fail(`unknown entity ${match}`);
    return String.fromCodePoint(point);
  }

  private skipSpace(): void {
    while (this.at < this.xml.length && ' \t\r\n'.includes(this.xml[this.at]!)) this.at++;
  }

  private fail(reason: string): never {
    throw new SupervisordProtocolError(`malformed XML-RPC response at offset ${this.at}: ${reason}`);
  }
}
