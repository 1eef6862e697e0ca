import type { Path } from '../document.js';
import { splitWords } from '../shell-words.js';
import { code, type ServiceContext } from './context.js';
import { dropSetting } from './native.js';
import { literalValue, scalarText } from './strings.js';

/**
 * `command`: a list stays a list; a string is split into words the way Compose splits it (no shell
 * runs), so it becomes the exec form too.
 */
export function convertCommand(ctx: ServiceContext, value: unknown): void {
  const argv = commandWords(ctx, value, 'command', ['command'], ['command']);
  if (argv) ctx.out.command = argv;
}

/** The words of a command (the exec form), or a string when they cannot be told apart. `key` is under the Compose service, `out` under the orchgen one. */
export function commandWords(ctx: ServiceContext, value: unknown, what: string, key: Path, out: Path): string[] | string | undefined {
  if (Array.isArray(value)) {
    const words = value.map((item) => scalarText(item));
    if (words.some((w) => w === undefined) || words.length === 0) {
      dropSetting(ctx, key, value, 'not a list of strings');
      return undefined;
    }
    return (words as string[]).map((word) => literalValue(word));
  }
  const text = scalarText(value);
  if (text === undefined || text.trim() === '') {
    dropSetting(ctx, key, value, 'empty, or not a string');
    return undefined;
  }
  const literal = literalValue(text);
  const split = splitWords(literal);
  if ('words' in split) return split.words;
  ctx.warn('W203', `${what} of ${code(ctx.source)} cannot be split into words (${split.error}); kept as a shell command`, key, true);
  ctx.note(out, `FIXME: Compose could not split this command (${split.error}); orchgen runs it with /bin/sh -c`);
  return literal;
}
