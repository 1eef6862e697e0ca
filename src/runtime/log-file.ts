import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** A log file's size now: where to read from later to get only what was printed since. */
export function sizeOf(file: string | undefined): number {
  try {
    return file ? statSync(file).size : 0;
  } catch {
    return 0;
  }
}

/** What a log file holds from `offset` on (at most 1 MiB); empty when it cannot be read. */
export function readFrom(file: string | undefined, offset: number): string {
  if (!file) return '';
  try {
    const length = Math.max(0, Math.min(statSync(file).size - offset, 1024 * 1024));
    const buffer = Buffer.alloc(length);
    const fd = openSync(file, 'r');
    readSync(fd, buffer, 0, length, offset);
    closeSync(fd);
    return buffer.toString('utf8');
  } catch {
    return '';
  }
}
