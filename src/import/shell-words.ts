export type SplitResult = { words: string[] } | { error: string };

const blank = new Set([' ', '\t', '\r', '\n']);

/**
 * Splits a command string into words the way Compose does (Python's `shlex.split`, POSIX mode):
 * quotes and backslashes group and escape, nothing is expanded and no shell runs. Inside double
 * quotes a backslash escapes only `"` and `\`.
 */
export function splitWords(text: string): SplitResult {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (blank.has(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === '\\') {
      if (i + 1 >= text.length) return { error: 'it ends with a lone backslash' };
      word += text[++i];
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { error: 'a single quote is not closed' };
      word += text.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      const quoted = doubleQuoted(text, i + 1);
      if (quoted === undefined) return { error: 'a double quote is not closed' };
      word += quoted.text;
      i = quoted.end;
    } else {
      word += ch;
    }
  }
  if (inWord) words.push(word);
  return { words };
}

function doubleQuoted(text: string, start: number): { text: string; end: number } | undefined {
  let out = '';
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') return { text: out, end: i };
    if (ch === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) out += text[++i];
    else out += ch;
  }
  return undefined;
}
