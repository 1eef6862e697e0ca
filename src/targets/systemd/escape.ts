/**
 * Escaping for unit files as systemd 252 reads them. Every value is checked against the real parser
 * (test/targets/systemd): specifiers are expanded after unquoting, `$` is expanded in command lines
 * only, C escapes work inside double quotes.
 */

/** `%` starts a specifier in most settings. */
export function escapeSpecifiers(text: string): string {
  return text.replace(/%/g, '%%');
}

const controlEscapes: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

/** A C-style double-quoted word: backslash, quote and control characters escaped. */
export function cQuote(text: string): string {
  const body = text.replace(/[\\"\x00-\x1f\x7f]/g, (c) => {
    if (c === '\\' || c === '"') return `\\${c}`;
    return controlEscapes[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `"${body}"`;
}

const plainWord = /^[A-Za-z0-9_@%$+=:,./-]+$/;

/** One argument of ExecStart= and friends: `$` is `$$`, `%` is `%%`, a lone `;` is `\;`. */
export function execWord(word: string): string {
  if (word === ';') return '\\;';
  const escaped = escapeSpecifiers(word).replace(/\$/g, '$$$$');
  return plainWord.test(word) ? escaped : cQuote(escaped);
}

/** A whole command line; the caller has checked that argv[0] can be said (see carry.ts). */
export function execLine(argv: readonly string[]): string {
  return argv.map(execWord).join(' ');
}

/** `"KEY=value"` for Environment=: `$` stays literal there. */
export function environmentAssignment(key: string, value: string): string {
  return cQuote(escapeSpecifiers(`${key}=${value}`));
}

/** Description= is one line of free text: whitespace runs become one space. */
export function descriptionText(text: string): string {
  return escapeSpecifiers(text.replace(/[\s\x00-\x1f\x7f]+/g, ' ').trim().replace(/\\+$/, ''));
}
