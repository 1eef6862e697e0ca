import type { TargetName } from '../../model/types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { OrchgenSpec } from '../raw.js';

export interface CheckContext {
  /** Valid against the schema. */
  spec: OrchgenSpec;
  /** The targets being built or validated. */
  targets: readonly TargetName[];
}

export type Check = (context: CheckContext) => Diagnostic[];
