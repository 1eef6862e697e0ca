import { writeFileSync } from 'node:fs';
import { fileBytes, type PlannedFile } from './plan.js';

/**
 * Writes planned files, a header and its text with one write: both are encoded into one buffer,
 * reused from file to file, so no joined copy of the text is ever made.
 */
export class PlannedFileWriter {
  private buffer = Buffer.allocUnsafe(64 * 1024);

  write(path: string, file: PlannedFile): void {
    if (file.header === undefined) {
      writeFileSync(path, file.content);
      return;
    }
    const size = fileBytes(file);
    if (size > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(size, 2 * this.buffer.length));
    const headerBytes = this.buffer.write(file.header, 0);
    this.buffer.write(file.content, headerBytes);
    writeFileSync(path, this.buffer.subarray(0, size));
  }
}
