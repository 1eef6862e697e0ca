import type { Path } from '../document.js';
import type { ImportCode } from '../warnings.js';
import type { Interpolator } from './variables.js';

/** Everything a conversion of one Compose service reports to, and reads from. */
export interface ServiceContext {
  /** The name in the Compose file. */
  source: string;
  /** The orchgen name. */
  name: string;
  project: string;
  /** Compose service name → orchgen name, for every service. */
  names: ReadonlyMap<string, string>;
  /** The service as orchgen will have it; keys are put in spec order at the end. */
  out: Record<string, unknown>;
  /** What goes under `native.compose`. */
  native: Record<string, unknown>;
  /** A warning located at `key` (a path under the Compose service). */
  warn(code: ImportCode, message: string, key?: Path, atValue?: boolean): void;
  /** A comment above `key` (a path under the orchgen service). */
  note(key: Path, text: string): void;
  /** A path relative to the Compose file's folder, made relative to the orchgen.yaml's folder. */
  rebase(path: string): string;
  /** Fills in variables as Compose does, from .env and the environment. */
  interpolator: Interpolator;
  /** The Compose file's top-level definitions (`volumes`, `secrets`, `configs`, `networks`), variables filled in. */
  definitions: Record<string, unknown>;
}

/** `\`db\`` */
export function code(text: string): string {
  return `\`${text}\``;
}
