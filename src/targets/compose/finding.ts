import type { Diagnostic } from '../../spec/diagnostic.js';

/** Something the Compose file cannot say: a diagnostic for the build, and a line for the file's header. */
export interface Finding {
  diagnostic: Diagnostic;
  note?: string;
}
