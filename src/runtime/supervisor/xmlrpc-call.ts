/** A parameter of a call to supervisord: its methods take strings, ints, booleans and arrays of them. */
export type XmlRpcParam = string | number | boolean | XmlRpcParam[];

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** Characters XML 1.0 cannot carry at all, not even as a character reference. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** The body of an XML-RPC `methodCall`. */
export function encodeCall(method: string, params: readonly XmlRpcParam[]): string {
  const encoded = params.map((param) => `<param>${encodeValue(param)}</param>`).join('');
  return `<?xml version="1.0"?><methodCall><methodName>${escapeText(method)}</methodName><params>${encoded}</params></methodCall>`;
}

function encodeValue(value: XmlRpcParam): string {
  if (typeof value === 'string') return `<value><string>${escapeText(value)}</string></value>`;
  if (typeof value === 'boolean') return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < INT_MIN || value > INT_MAX) throw new TypeError(`XML-RPC int out of range: ${value}`);
    return `<value><int>${value}</int></value>`;
  }
  return `<value><array><data>${value.map(encodeValue).join('')}</data></array></value>`;
}

/**
 * `&`, `<` and `>` as entities, and `\r` as a character reference: a parser turns a literal
 * carriage return into a line feed.
 */
function escapeText(text: string): string {
  if (NOT_XML.test(text)) throw new TypeError(`XML cannot carry this string: ${JSON.stringify(text)}`);
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}
