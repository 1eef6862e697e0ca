import type { Problem } from './procfile.js';

export interface EnvEntry {
  key: string;
  value: string;
  line: number;
  /** False for a 'single-quoted' value, which no loader expands. */
  expands: boolean;
}

const assignment = /^(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*([\s\S]*)$/;
const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * A .env file: `KEY=VALUE` lines, optionally after `export`; `#` comments on their own line or after
 * an unquoted value (following a space); 'single quotes' are literal, "double quotes" know \n \r \t \" \\
 * and may span lines. Nothing is expanded: a `$` stays a `$` (with a problem noted, since some
 * loaders expand it).
 */
export function parseDotenv(text: string): { entries: EnvEntry[]; problems: Problem[] } {
  const entries: EnvEntry[] = [];
  const problems: Problem[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const trimmed = lines[i]!.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = assignment.exec(trimmed);
    if (!match) {
      problems.push({ line, message: 'not a `KEY=VALUE` line', code: 'W206' });
      continue;
    }
    const [, key, rest] = match as unknown as [string, string, string];
    const quote = rest[0];
    let value: string;
    if (quote === "'" || quote === '"') {
      let body = rest.slice(1);
      let end = closing(body, quote);
      while (end < 0 && i + 1 < lines.length) {
        body += `\n${lines[++i]!}`;
        end = closing(body, quote);
      }
      if (end < 0) {
        problems.push({ line, message: `the ${quote === '"' ? 'double' : 'single'} quote of ${key} is not closed`, code: 'W206' });
        break;
      }
      const after = body.slice(end + 1).trim();
      if (after !== '' && !after.startsWith('#')) problems.push({ line, message: `text after the closing quote of ${key} is ignored`, code: 'W206' });
      value = quote === '"' ? body.slice(0, end).replace(/\\(.)/gs, (all, ch: string) => escapes[ch] ?? all) : body.slice(0, end);
    } else {
      value = rest.replace(/[ \t]+#.*$/, '').trim();
    }
    if (quote !== "'" && /\$\{?[A-Za-z_]/.test(value)) problems.push({ line, message: `${key} is kept literally: \`$\` is not expanded`, code: 'W203' });
    entries.push({ key, value, line, expands: quote !== "'" });
  }
  return { entries, problems };
}

/** The index of the quote that ends a quoted value, or -1. */
function closing(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (quote === '"' && body[i] === '\\') i++;
    else if (body[i] === quote) return i;
  }
  return -1;
}
