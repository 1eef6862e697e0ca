import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Runner } from '../placement.js';
import type { OrchgenSpec } from '../raw.js';

export interface CheckContext {
  /** Valid against the schema. */
  spec: OrchgenSpec;
  /** The names of the targets being built or validated. */
  targets: readonly string[];
  /** Every registered target (what each can run). */
  runners: readonly Runner[];
}

export type Check = (context: CheckContext) => Diagnostic[];
