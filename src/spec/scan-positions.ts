import type { Position, SpecPath } from '../diagnostics/diagnostic.js';

/**
 * Keys the scan looks for: plain words that every YAML parser reads as that same string. Others
 * (quoted, numeric, boolean- or null-looking, with spaces) are left to the `yaml` package.
 */
const plainKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const specialWords = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

/** A block of lines: from `first` (inclusive) to `end` (exclusive), whose keys are at `indent`. */
interface Block {
  first: number;
  end: number;
  indent: number;
}

/**
 * The spec's lines, read once, for finding a path's line and column without parsing the document:
 * only through block mappings whose keys are plain words, each found exactly once at its block's
 * indentation. Anything else gives undefined, and the caller parses the document.
 *
 * In a block mapping whose keys stand at indentation n, a line that starts at exactly n with a
 * word and a colon is one of its keys: block scalars, multi-line flow collections and multi-line
 * scalars inside it must be indented more (YAML 1.2, 8.1.1.1 and 7.3), or the document is invalid.
 */
export class LineScan {
  private readonly lines: string[];
  private readonly usable: boolean;

  constructor(text: string) {
    this.lines = text.split('\n');
    this.usable = !text.includes('\r') && !text.includes('\t') && !text.startsWith('\uFEFF') && !/^(?:%|---|\.\.\.)/m.test(text);
  }

  locate(path: SpecPath, atKey: boolean): Position | undefined {
    if (!this.usable || path.length === 0) return undefined;
    let block: Block | undefined = { first: 0, end: this.lines.length, indent: 0 };
    let keyLine = -1;
    for (const segment of path) {
      if (block === undefined || typeof segment !== 'string' || !plainKey.test(segment) || specialWords.test(segment)) return undefined;
      keyLine = this.keyLine(block, segment);
      if (keyLine < 0) return undefined;
      block = this.childBlock(keyLine, block);
    }
    if (atKey) return { line: keyLine + 1, col: this.indentOf(keyLine) + 1 };
    return block === undefined ? undefined : { line: block.first + 1, col: block.indent + 1 };
  }

  /** The one line in `block` holding `key:` at the block's indentation; -1 when none or several. */
  private keyLine(block: Block, key: string): number {
    const prefix = `${' '.repeat(block.indent)}${key}:`;
    let found = -1;
    for (let i = block.first; i < block.end; i++) {
      const line = this.lines[i]!;
      if (!line.startsWith(prefix) || (line.length > prefix.length && line[prefix.length] !== ' ')) continue;
      if (found >= 0) return -1;
      found = i;
    }
    return found;
  }

  /**
   * The block mapping under the key on `keyLine`: its value must be on the lines below (nothing but
   * a comment after the colon), and start with a plain word and a colon, indented more.
   */
  private childBlock(keyLine: number, parent: Block): Block | undefined {
    const line = this.lines[keyLine]!;
    const afterColon = line.slice(line.indexOf(':') + 1).trim();
    if (afterColon !== '' && !afterColon.startsWith('#')) return undefined;
    const first = this.nextContentLine(keyLine + 1, parent.end);
    if (first < 0) return undefined;
    const indent = this.indentOf(first);
    if (indent <= parent.indent || !/^[A-Za-z_][A-Za-z0-9_-]*:(?: |$)/.test(this.lines[first]!.slice(indent))) return undefined;
    let end = first + 1;
    while (end < parent.end && (this.isBlankOrComment(end) || this.indentOf(end) >= indent)) end++;
    return { first, end, indent };
  }

  private nextContentLine(from: number, end: number): number {
    for (let i = from; i < end; i++) if (!this.isBlankOrComment(i)) return i;
    return -1;
  }

  private isBlankOrComment(i: number): boolean {
    const text = this.lines[i]!.trimStart();
    return text === '' || text.startsWith('#');
  }

  private indentOf(i: number): number {
    const line = this.lines[i]!;
    return line.length - line.trimStart().length;
  }
}
