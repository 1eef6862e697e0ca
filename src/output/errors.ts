/**
 * The output folder's own records (manifest, journal) are unreadable or name a path outside the
 * folder, or a folder orchgen would write through is a symbolic link: orchgen refuses and changes nothing.
 */
export class OutputStateError extends Error {
  /** @param file relative to the output folder: the record or folder at fault */
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutputStateError';
  }
}
