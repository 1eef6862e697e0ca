/** The operators of `${NAME<op>ARG}`. */
export type Operator = '' | ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface Variable {
  name: string;
  operator: Operator;
  /** The text after the operator, itself interpolated by Compose. */
  arg: string;
  /** As written: `${TAG:-latest}`, `$HOME`. */
  raw: string;
}

export type Piece = { text: string } | { variable: Variable };

export interface Parsed {
  pieces: Piece[];
  /** Why Compose would reject the text (a `${` that is no substitution); the `$` is then kept as text. */
  invalid?: string;
}

const nameStart = /[A-Za-z_]/;
const nameChar = /[A-Za-z0-9_]/;
const braced = /^([A-Za-z_][A-Za-z0-9_]*)(:-|:\?|:\+|-|\?|\+)?([\s\S]*)$/;

/** Compose's variable interpolation: `$$` is a `$`, `$NAME` and `${NAME...}` are variables, any other `$` is itself. */
export function parseInterpolation(text: string): Parsed {
  const pieces: Piece[] = [];
  let invalid: string | undefined;
  let literal = '';
  const flush = () => {
    if (literal !== '') pieces.push({ text: literal });
    literal = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '$') {
      literal += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      literal += '$';
      i++;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      const match = end === undefined ? null : braced.exec(text.slice(i + 2, end));
      if (end === undefined || !match) {
        invalid ??= `\`${text.slice(i, end === undefined ? undefined : end + 1)}\` is not a valid substitution`;
        literal += ch;
        continue;
      }
      flush();
      pieces.push({ variable: { name: match[1]!, operator: (match[2] ?? '') as Operator, arg: match[3]!, raw: text.slice(i, end + 1) } });
      i = end;
    } else if (next !== undefined && nameStart.test(next)) {
      let end = i + 2;
      while (end < text.length && nameChar.test(text[end]!)) end++;
      flush();
      pieces.push({ variable: { name: text.slice(i + 1, end), operator: '', arg: '', raw: text.slice(i, end) } });
      i = end - 1;
    } else {
      // Compose v2 keeps a `$` that starts nothing (`$1`, `cost $`) as it is
      literal += ch;
    }
  }
  flush();
  return invalid === undefined ? { pieces } : { pieces, invalid };
}

/** The index of the `}` that closes a `${` whose content starts at `start`. */
function closingBrace(text: string, start: number): number | undefined {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') i++;
    else if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return undefined;
}

export function variablesOf(parsed: Parsed): Variable[] {
  return parsed.pieces.flatMap((p) => ('variable' in p ? [p.variable] : []));
}

/** The text when it has no variables. */
export function literalOf(parsed: Parsed): string | undefined {
  return parsed.pieces.every((p) => 'text' in p) ? parsed.pieces.map((p) => (p as { text: string }).text).join('') : undefined;
}

/** The variable when it is the whole text, e.g. `${TOKEN?must be set}`. */
export function wholeVariable(parsed: Parsed): Variable | undefined {
  const [only] = parsed.pieces;
  return parsed.pieces.length === 1 && only !== undefined && 'variable' in only ? only.variable : undefined;
}
