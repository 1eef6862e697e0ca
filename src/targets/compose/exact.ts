import type { Service } from '../../model/types.js';
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { containerValueRefusals } from '../shared/exact.js';
import type { Finding } from '../shared/finding.js';

/** E301 for every value that would not reach the container byte for byte. */
export function exactFindings(service: Service, at: SpecPath, base?: Service): Finding[] {
  return containerValueRefusals('compose', service, (relative) => [...at, ...relative], base).map((diagnostic) => ({ diagnostic }));
}
