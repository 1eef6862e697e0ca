/**
 * Stands for `%(here)s`, the folder of the conf file, inside a value. A NUL byte can never be
 * carried to a process, so it never occurs in a value that is written out.
 */
export const HERE = '\0';

/**
 * The text of a supervisord value that reads back as `text` after `layers` rounds of Python `%`
 * formatting (one for most keys, two for log file paths).
 *
 * supervisord reads values with configparser: a value is stripped, whitespace followed by `;` or
 * `#` starts a comment, and a line break is only possible as an indented continuation line. An
 * expansion that formats to nothing (`%(here).0s`) guards each of those spots, and keeps a
 * literal `%(` from reading as `%(here)s`, which supervisord replaces before formatting.
 */
export function iniValue(text: string, layers = 1): string {
  // most values are printable ASCII without `%`, HERE or a line break: they read back as written
  if (plainValue.test(text) && !commentAfterSpace.test(text)) return text;
  const nothing = `${'%'.repeat(2 ** (layers - 1))}(here).0s`;
  const percent = '%'.repeat(2 ** layers);
  let out = guarded(text[0]) ? nothing : '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === HERE) out += '%(here)s';
    else if (char === '\n') out += `${nothing}\n    ${nothing}`;
    else if (char === '%') out += text[i + 1] === '(' ? percent + nothing : percent;
    else if ((char === ';' || char === '#') && i > 0 && guarded(text[i - 1])) out += nothing + char;
    else out += char;
  }
  return guarded(text[text.length - 1]) ? out + nothing : out;
}

/** Printable ASCII but `%`, neither starting nor ending with a space. */
const plainValue = /^(?:[!-$&-~](?:[ -$&-~]*[!-$&-~])?)?$/;
const commentAfterSpace = / [;#]/;

/** Outside printable ASCII: whitespace to Python (which strips it or reads a comment after it), or may be. */
function guarded(char: string | undefined): boolean {
  if (char === undefined || char === HERE) return false;
  const code = char.codePointAt(0)!;
  return code < 0x21 || code > 0x7e;
}
