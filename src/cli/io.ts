import { liveViewFits } from './live/fits.js';
import { writeText } from './std-write.js';

/** Where a command prints; the CLI entry gives the process's streams, tests give buffers. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colour on stderr: only on a terminal, never with NO_COLOR. */
  color: boolean;
  cwd: string;
  /** stdout, when it is a terminal a live view may redraw (see liveViewFits); plain lines otherwise. */
  terminal?: NodeJS.WriteStream;
}

/** The process's own output; colour and the terminal are looked at only when asked for (see writeText). */
export function processIo(): Io {
  const env = process.env;
  return {
    out: (text) => writeText(1, text),
    err: (text) => writeText(2, text),
    get color() {
      return Boolean(process.stderr.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
    },
    cwd: process.cwd(),
    get terminal() {
      return liveViewFits(process.stdout, env) ? process.stdout : undefined;
    },
  };
}
