import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));
let readerGone = false;

/**
 * Writes the whole text to fd 1 or 2 before returning. process.stdout and process.stderr load
 * Node's stream and socket modules when first used, a tenth of what a small `validate` costs; a
 * plain write does not. A descriptor another process left non-blocking is waited on; once the
 * reader has gone (EPIPE), the rest is dropped, as `orchgen graph | head` expects.
 */
export function writeText(fd: 1 | 2, text: string): void {
  let bytes = Buffer.from(text);
  while (bytes.length > 0 && !readerGone) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') readerGone = true;
      else if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else throw error;
    }
  }
}
