import { liveViewFits } from './live/fits.js';

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

export function processIo(): Io {
  const env = process.env;
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: Boolean(process.stderr.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb',
    cwd: process.cwd(),
    ...(liveViewFits(process.stdout, env) ? { terminal: process.stdout } : {}),
  };
}
